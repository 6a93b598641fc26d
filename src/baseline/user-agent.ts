/**
 * User agents as a baseline compares them. Kubernetes clients send
 * `product/version (os/arch) kubernetes/commit[/component]` (client-go's default), other tools
 * `Helm/3.15.2`, `curl/8.5.0`, `Go-http-client/2.0`. A patch release or another build of the
 * same tool is not a new client, so the version is cut to major.minor; the product alone is
 * what "a tool never used here" means.
 * @module
 */

export interface UserAgent {
  /** Lowercased product: `kubectl`, `helm`, `curl`, `kube-controller-manager`. */
  readonly product: string;
  /** `kubectl/v1.30`, `Helm/3.15`, `curl/8.5` (product as sent, version to major.minor). */
  readonly normalized: string;
}

const VERSION = /^(v?\d+)(?:\.(\d+))?/;

/** Normalises a `userAgent` header; `undefined` for an empty one. */
export function normalizeUserAgent(header: string | undefined): UserAgent | undefined {
  const first = header?.trim().split(/\s+/, 1)[0];
  if (!first) return undefined;
  const slash = first.indexOf('/');
  // `kubectl.exe/v1.30.2 (windows/amd64)` is kubectl: the OS is not a different client.
  const product = (slash < 0 ? first : first.slice(0, slash)).replace(/\.exe$/i, '');
  if (product === '') return undefined;
  const version = slash < 0 ? '' : first.slice(slash + 1);
  const match = VERSION.exec(version);
  const short = match ? (match[2] === undefined ? match[1] : `${match[1]}.${match[2]}`) : '';
  return {
    product: product.toLowerCase(),
    normalized: short ? `${product}/${short}` : product,
  };
}
