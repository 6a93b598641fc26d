/**
 * Pod Security over an inventory: every workload's pod template evaluated at the level its
 * namespace declares (or the target standard when no label decides), and per namespace the
 * gap between the level it enforces and the level its workloads meet.
 * @module
 */
import type { Issue } from '../../errors.js';
import type { K8sObject } from '../../inventory/object.js';
import { controlledByInventory } from '../object-ref.js';
import { DEFAULT_PSS_CONFIG, type PssConfig } from './config.js';
import { evaluatePod, type PssVerdict } from './evaluate.js';
import { compareLevels, formatLevelVersion, type LevelVersion, type PssLevel } from './level.js';
import {
  type LabelledPolicy,
  type NamespacePolicy,
  PSA_MODES,
  policyFromLabels,
} from './policy.js';
import { type CheckRegistry, PSS_REGISTRY } from './registry.js';
import { type PodTemplate, podTemplateOf } from './template.js';

export interface PssOptions {
  /** The standard applied where no namespace label decides (`--pss`, default restricted:latest). */
  readonly target: LevelVersion;
  /** The admission plugin's configuration: cluster defaults and exemptions. */
  readonly config?: PssConfig;
  readonly registry?: CheckRegistry;
}

export type Exemption = 'namespace' | 'runtimeClass';

export interface WorkloadAssessment {
  readonly object: K8sObject;
  readonly namespace: string;
  readonly template: PodTemplate;
  /** Set when the admission configuration exempts the workload (then nothing is evaluated). */
  readonly exempt?: Exemption;
  /** Level and version the findings are about, and where that choice came from. */
  readonly evaluatedAt: LevelVersion;
  readonly decidedBy: 'namespace labels' | 'target standard';
  readonly verdict: PssVerdict;
  /** The strictest level the template meets at the namespace's enforce version. */
  readonly meets: PssLevel;
}

export interface NamespaceAssessment {
  readonly name: string;
  /** The Namespace object, when the inventory has it. */
  readonly object?: K8sObject;
  readonly policy: NamespacePolicy;
  readonly labelled: boolean;
  readonly exempt: boolean;
  readonly workloads: readonly WorkloadAssessment[];
  /** The strictest level every (non-exempt) workload meets; undefined without workloads. */
  readonly meets?: PssLevel;
  /** Workloads whose template the enforced level rejects. */
  readonly rejected: readonly WorkloadAssessment[];
}

export interface PssAssessment {
  readonly workloads: readonly WorkloadAssessment[];
  readonly namespaces: readonly NamespaceAssessment[];
  readonly issues: readonly Issue[];
}

const PRIVILEGED_VERDICT = (lv: LevelVersion): PssVerdict => ({
  levelVersion: lv,
  allowed: true,
  violations: [],
});

/** Evaluates every workload of the inventory and summarises each namespace. */
export function assessPodSecurity(
  objects: readonly K8sObject[],
  options: PssOptions,
): PssAssessment {
  const config = options.config ?? DEFAULT_PSS_CONFIG;
  const registry = options.registry ?? PSS_REGISTRY;
  const namespaceObjects = new Map<string, K8sObject>();
  for (const object of objects) {
    if (object.kind === 'Namespace' && object.apiVersion === 'v1')
      namespaceObjects.set(object.metadata.name, object);
  }
  const policies = new Map<string, LabelledPolicy>();
  const issues: Issue[] = [];
  const policyOf = (name: string): LabelledPolicy => {
    let labelled = policies.get(name);
    if (!labelled) {
      const namespace = namespaceObjects.get(name);
      labelled = policyFromLabels(namespace?.metadata.labels ?? {}, config.defaults);
      for (const problem of labelled.problems) {
        issues.push({
          code: 'CW_PSS_LABEL',
          severity: 'warning',
          message: `namespace "${name}": label ${problem.label}="${problem.value}" ${problem.message}`,
          ...(namespace ? { location: locationOf(namespace) } : {}),
        });
      }
      policies.set(name, labelled);
    }
    return labelled;
  };

  const workloads: WorkloadAssessment[] = [];
  const controlled = controlledByInventory(objects);
  for (const object of objects) {
    if (controlled.has(object)) continue; // judged through its controller
    const template = podTemplateOf(object);
    if (!template) continue;
    const namespace = object.metadata.namespace ?? 'default';
    const { policy, labelled } = policyOf(namespace);
    const isLabelled = labelled.size > 0;
    const evaluatedAt = isLabelled ? strictestMode(policy) : options.target;
    const exempt = exemptionOf(namespace, template, config);
    if (exempt) {
      workloads.push({
        object,
        namespace,
        template,
        exempt,
        evaluatedAt,
        decidedBy: isLabelled ? 'namespace labels' : 'target standard',
        verdict: PRIVILEGED_VERDICT(evaluatedAt),
        meets: 'restricted',
      });
      continue;
    }
    const verdict = evaluatePod(evaluatedAt, template.metadata, template.spec, registry);
    workloads.push({
      object,
      namespace,
      template,
      evaluatedAt,
      decidedBy: isLabelled ? 'namespace labels' : 'target standard',
      verdict,
      meets: strictestMet(template, policy.enforce.version, verdict, registry),
    });
  }

  const byNamespace = new Map<string, WorkloadAssessment[]>();
  for (const workload of workloads) {
    const list = byNamespace.get(workload.namespace);
    if (list) list.push(workload);
    else byNamespace.set(workload.namespace, [workload]);
  }
  const names = [...new Set([...namespaceObjects.keys(), ...byNamespace.keys()])].sort();
  const namespaces = names.map((name): NamespaceAssessment => {
    const { policy, labelled } = policyOf(name);
    const members = byNamespace.get(name) ?? [];
    const evaluated = members.filter((w) => !w.exempt);
    const meets =
      evaluated.length === 0 ? undefined : evaluated.map((w) => w.meets).reduce(lessStrict);
    const object = namespaceObjects.get(name);
    return {
      name,
      ...(object ? { object } : {}),
      policy,
      labelled: labelled.size > 0,
      exempt: config.exemptions.namespaces.has(name),
      workloads: members,
      ...(meets ? { meets } : {}),
      rejected: evaluated.filter((w) => compareLevels(w.meets, policy.enforce.level) < 0),
    };
  });
  return { workloads, namespaces, issues };
}

/** The strictest of the enforce, audit and warn levels (enforce's version wins a tie). */
function strictestMode(policy: NamespacePolicy): LevelVersion {
  let strictest = policy.enforce;
  for (const mode of PSA_MODES) {
    if (compareLevels(policy[mode].level, strictest.level) > 0) strictest = policy[mode];
  }
  return strictest;
}

function exemptionOf(
  namespace: string,
  template: PodTemplate,
  config: PssConfig,
): Exemption | undefined {
  if (config.exemptions.namespaces.has(namespace)) return 'namespace';
  const runtimeClass = template.spec.runtimeClassName;
  if (
    typeof runtimeClass === 'string' &&
    runtimeClass !== '' &&
    config.exemptions.runtimeClasses.has(runtimeClass)
  ) {
    return 'runtimeClass';
  }
  return undefined;
}

/** Re-uses the verdict already computed when it answers the question. */
function strictestMet(
  template: PodTemplate,
  version: LevelVersion['version'],
  known: PssVerdict,
  registry: CheckRegistry,
): PssLevel {
  const passes = (level: PssLevel): boolean => {
    const lv = { level, version };
    if (formatLevelVersion(lv) === formatLevelVersion(known.levelVersion)) return known.allowed;
    return evaluatePod(lv, template.metadata, template.spec, registry).allowed;
  };
  if (passes('restricted')) return 'restricted';
  if (passes('baseline')) return 'baseline';
  return 'privileged';
}

const lessStrict = (a: PssLevel, b: PssLevel): PssLevel => (compareLevels(a, b) <= 0 ? a : b);

function locationOf(object: K8sObject) {
  const { file, line, index } = object.origin;
  return line !== undefined ? { file, line } : index !== undefined ? { file, index } : { file };
}
