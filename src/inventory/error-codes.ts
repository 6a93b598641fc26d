import type { ErrorCodeInfo } from '../errors.js';

/** Codes of the inventory domain: reading manifests and live clusters. */
export const INVENTORY_ERROR_CODES = {
  CW_INV_YAML_SYNTAX: {
    meaning: 'A manifest document is not valid YAML or JSON; that document is skipped.',
    fix: 'Fix the syntax at the reported line (try `kubectl apply --dry-run=client -f FILE`).',
  },
  CW_INV_DOCUMENT_TOO_LARGE: {
    meaning:
      'A manifest document is larger than the per-document limit (3 MiB by default, the API server request limit); it is not parsed.',
    fix: 'Split the document, or raise the limit (`maxDocumentBytes`) if it is genuine.',
  },
  CW_INV_ALIAS_LIMIT: {
    meaning:
      'A YAML document uses more alias expansions than allowed (a "billion laughs" alias bomb); it is skipped.',
    fix: 'Remove the aliases (`*name`) or expand them by hand; Kubernetes manifests rarely need them.',
  },
  CW_INV_DEPTH_LIMIT: {
    meaning: 'A document nests deeper than the depth limit (100 levels by default); it is skipped.',
    fix: 'Check the document for runaway nesting; real Kubernetes objects are shallow.',
  },
  CW_INV_NOT_OBJECT: {
    meaning:
      'A document is not a Kubernetes object: not a mapping, or without a string apiVersion, kind or metadata.name.',
    fix: 'Give the document apiVersion, kind and metadata.name, or remove it from the scanned path.',
  },
  CW_INV_WRONG_TYPE: {
    meaning:
      'A field that posture checks read has the wrong type (for example `privileged: "yes"`); the API server would reject the object.',
    fix: 'Use the type the Kubernetes API defines for that field (boolean, integer, string, list).',
  },
  CW_INV_UNKNOWN_KIND: {
    meaning:
      'A built-in API group does not define this kind (often a typo); the object is kept but not evaluated.',
    fix: 'Correct the kind (the message suggests the nearest known one).',
  },
  CW_INV_KUBECONFIG: {
    meaning: 'The kubeconfig could not be loaded, or the requested context does not exist.',
    fix: 'Check the --kubeconfig path and --context name (`kubectl config get-contexts`).',
  },
  CW_INV_CLUSTER_REQUEST: {
    meaning:
      'A read-only list request to the cluster failed (connection, authentication, authorization or a bad response); that resource is missing from the inventory.',
    fix: 'Check connectivity and that the identity may list the resource (`kubectl auth can-i list RESOURCE -A`).',
  },
} as const satisfies Record<string, ErrorCodeInfo>;
