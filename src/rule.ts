// Policy routing rules (ip rule): the public types, action names, validation of rule specs into
// native requests (with iproute2's defaults), and decoding of what the kernel reports.
import { C, type NativeRule, type NativeRuleRequest } from './binding.js';
import { explainRefusal, rangeError, typeError } from './errors.js';
import { describeNetns } from './netns.js';
import { AF, cidr, familyOption, ipFamily, nameOr, nothing, type FamilyContext, type IpFamily } from './inet.js';
import { PROTOCOL_NAMES, protocol, table, type RouteProtocol, type RouteTable } from './route.js';
import * as v from './validate.js';

// ---- public types -------------------------------------------------------------------------------

/**
 * What a rule does with a packet it matches (`ip rule add ... ACTION`): 'lookup' a table (the
 * usual), 'goto' another rule, 'nop' (nothing: counts only), or drop it: 'blackhole' silently,
 * 'unreachable' (ENETUNREACH) and 'prohibit' (EACCES) with an error.
 */
export type RuleAction = 'lookup' | 'goto' | 'nop' | 'blackhole' | 'unreachable' | 'prohibit';

/** A policy routing rule as the kernel reports it (`ip rule show`). */
export interface Rule {
  /** 4 or 6. */
  family: IpFamily;
  /** Its place in the order (`pref`): lower is tried first. */
  priority: number;
  /** Source prefix as a CIDR (`from`); absent: all. */
  from?: string;
  /** Destination prefix as a CIDR (`to`); absent: all. */
  to?: string;
  /** Input interface name (`iif`). */
  iif?: string;
  /** The `iif` link does not exist (in this namespace) now: the rule matches nothing. */
  iifDetached?: boolean;
  /** Output interface name (`oif`). */
  oif?: string;
  /** The `oif` link does not exist now. */
  oifDetached?: boolean;
  /** Firewall mark to match (`fwmark`). */
  fwmark?: number;
  /** The mark's mask (`fwmark M/MASK`); the kernel reports 0xffffffff for a mark without one. */
  fwmask?: number;
  /** The DS field / TOS byte to match (`tos`); 0 matches any. */
  tos: number;
  /** The UID range to match (`uidrange START-END`). */
  uidRange?: { start: number; end: number };
  /** Reject a lookup's result whose prefix is this long or shorter (`suppress_prefixlength N`). */
  suppressPrefixLength?: number;
  /** What the rule does, or the number of an action without a name. */
  action: RuleAction | number;
  /** The table a 'lookup' rule looks up: 254 is 'main', 255 'local', 253 'default'. */
  table?: number;
  /** The priority a 'goto' rule jumps to. */
  goto?: number;
  /** The match is inverted (`not`). */
  not: boolean;
  /** Who added it (`protocol`): 'kernel' for the default rules, 'unspec' when not said, ... or the number. */
  protocol: RouteProtocol | number;
}

/** What `rules.add` and `rules.delete` take. */
export interface RuleSpec {
  /** Needed only when no prefix tells. Default 4. */
  family?: IpFamily;
  /** `pref N`: 0..2^32-1. Default: the kernel picks one just above the first rule. */
  priority?: number;
  /** Source prefix (`from 172.16.10.0/24`); an address alone is a host. */
  from?: string;
  /** Destination prefix (`to 10.0.0.0/8`). */
  to?: string;
  /** Input interface name (`iif NAME`); it need not exist yet. */
  iif?: string;
  /** Output interface name (`oif NAME`). */
  oif?: string;
  /** Firewall mark (`fwmark N`), 0..2^32-1. */
  fwmark?: number;
  /** Mask of the mark (`fwmark N/MASK`), 0..2^32-1. */
  fwmask?: number;
  /** DS field / TOS byte (`tos N`), 0..255. */
  tos?: number;
  /** UID range (`uidrange START-END`), start <= end, each 0..2^32-2. */
  uidRange?: { start: number; end: number };
  /** `suppress_prefixlength N`, 0..128. */
  suppressPrefixLength?: number;
  /** Default 'goto' when `goto` is given, else 'lookup' (as iproute2). */
  action?: RuleAction;
  /** The table to look up (`lookup T`/`table T`); default 'main' for a 'lookup' rule (as iproute2). */
  table?: RouteTable;
  /** The priority to jump to (`goto N`); it must be greater than the rule's own. */
  goto?: number;
  /** Invert the match (`not`). */
  not?: boolean;
  /** `protocol P`; default none ('unspec', as iproute2). */
  protocol?: RouteProtocol | number;
}

/** What `rules.list` takes. */
export interface RuleFilter {
  /** Only IPv4 or only IPv6 rules (asked of the kernel). Default both. */
  family?: IpFamily;
  /** Only rules that look up this table (`ip rule show table T`). */
  table?: RouteTable;
}

// ---- vocabulary ---------------------------------------------------------------------------------

/** The rule actions by name, to their FR_ACT_* numbers. */
export const RULE_ACTIONS: ReadonlyMap<string, number> = new Map([
  ['lookup', C.FR_ACT_TO_TBL!], ['goto', C.FR_ACT_GOTO!], ['nop', C.FR_ACT_NOP!], ['blackhole', C.FR_ACT_BLACKHOLE!],
  ['unreachable', C.FR_ACT_UNREACHABLE!], ['prohibit', C.FR_ACT_PROHIBIT!],
]);
const ACTION_NAMES = new Map([...RULE_ACTIONS].map(([k, n]) => [n, k as RuleAction]));

const SPEC_KEYS = [
  'family', 'priority', 'from', 'to', 'iif', 'oif', 'fwmark', 'fwmask', 'tos', 'uidRange', 'suppressPrefixLength',
  'action', 'table', 'goto', 'not', 'protocol',
] as const;

// ---- requests -----------------------------------------------------------------------------------

/**
 * Validates a spec into a request. `del`: as `ip rule del`, only what is given narrows the match
 * (no defaults), and at least one thing must be given: an empty match would delete the first rule.
 */
function checkSpec(spec: unknown, del: boolean): NativeRuleRequest {
  const s = v.object<Record<string, unknown>>('spec', spec);
  v.knownKeys('spec', s, SPEC_KEYS);
  if (del && Object.values(s).every((x) => x === undefined)) {
    throw typeError('spec', 'at least one of the rule\'s fields (an empty match would delete the first rule)', spec);
  }
  const req: NativeRuleRequest = {};
  let family: IpFamily | undefined = s.family === undefined ? undefined : familyOption('spec.family', s.family);
  let from = 'spec.family';
  for (const key of ['from', 'to'] as const) {
    if (s[key] === undefined) continue;
    const field = `spec.${key}`;
    const c = cidr(field, s[key], { bare: true });
    if (family !== undefined && c.family !== family) throw rangeError(field, `an IPv${family} CIDR, as ${from} is IPv${family}`, s[key]);
    family ??= c.family;
    from = field;
    if (key === 'from') req.srcLength = c.prefixLength;
    else req.dstLength = c.prefixLength;
    if (c.prefixLength > 0) req[key === 'from' ? 'src' : 'dst'] = c.bytes;
  }
  req.family = AF[family ?? 4];
  if (s.priority !== undefined) req.priority = v.integer('spec.priority', s.priority, 0, 2 ** 32 - 1);
  if (s.iif !== undefined) req.iif = v.ifname('spec.iif', s.iif);
  if (s.oif !== undefined) req.oif = v.ifname('spec.oif', s.oif);
  if (s.fwmark !== undefined) req.fwmark = v.integer('spec.fwmark', s.fwmark, 0, 2 ** 32 - 1);
  if (s.fwmask !== undefined) req.fwmask = v.integer('spec.fwmask', s.fwmask, 0, 2 ** 32 - 1);
  if (s.tos !== undefined) req.tos = v.integer('spec.tos', s.tos, 0, 255);
  if (s.uidRange !== undefined) {
    const u = v.object<Record<string, unknown>>('spec.uidRange', s.uidRange);
    v.knownKeys('spec.uidRange', u, ['start', 'end']);
    const start = v.integer('spec.uidRange.start', u.start, 0, 2 ** 32 - 2);
    const end = v.integer('spec.uidRange.end', u.end, 0, 2 ** 32 - 2);
    if (end < start) throw rangeError('spec.uidRange.end', `at least start (${start})`, end);
    req.uidRange = { start, end };
  }
  if (s.suppressPrefixLength !== undefined) {
    req.suppressPrefixLength = v.integer('spec.suppressPrefixLength', s.suppressPrefixLength, 0, 128);
  }
  if (s.not !== undefined && v.boolean('spec.not', s.not)) req.flags = C.FIB_RULE_INVERT!;
  if (s.protocol !== undefined) req.protocol = protocol('spec.protocol', s.protocol);
  if (s.goto !== undefined) req.goto = v.integer('spec.goto', s.goto, 1, 2 ** 32 - 1);
  if (s.action !== undefined) req.action = v.oneOf('spec.action', s.action, RULE_ACTIONS);
  if (s.table !== undefined) req.table = table('spec.table', s.table);
  if (!del) req.action ??= req.goto === undefined ? C.FR_ACT_TO_TBL! : C.FR_ACT_GOTO!;
  if (req.goto !== undefined && req.action !== undefined && req.action !== C.FR_ACT_GOTO) {
    throw rangeError('spec.goto', "unset unless action is 'goto'", s.goto);
  }
  if (!del && req.action === C.FR_ACT_GOTO && req.goto === undefined) {
    throw typeError('spec.goto', "the priority to jump to (action 'goto' needs one)", s.goto);
  }
  if (req.table !== undefined && req.action !== undefined && req.action !== C.FR_ACT_TO_TBL) {
    throw rangeError('spec.table', "unset unless action is 'lookup'", s.table);
  }
  if (!del && req.action === C.FR_ACT_TO_TBL) req.table ??= C.RT_TABLE_MAIN!;
  return req;
}

// ---- decoding -----------------------------------------------------------------------------------

/** Maps a native rule to the public one; undefined for families other than IPv4/IPv6 (ipmr, ...). */
export function toRule(raw: NativeRule): Rule | undefined {
  const family = ipFamily(raw.family);
  if (family === undefined) return undefined;
  const r: Rule = {
    family, priority: raw.priority, tos: raw.tos, action: nameOr(ACTION_NAMES, raw.action), not: raw.not,
    protocol: nameOr(PROTOCOL_NAMES, raw.protocol),
  };
  if (raw.srcLength > 0) r.from = `${raw.src ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.srcLength}`;
  if (raw.dstLength > 0) r.to = `${raw.dst ?? (family === 4 ? '0.0.0.0' : '::')}/${raw.dstLength}`;
  if (raw.iif !== undefined) {
    r.iif = raw.iif;
    r.iifDetached = raw.iifDetached === true;
  }
  if (raw.oif !== undefined) {
    r.oif = raw.oif;
    r.oifDetached = raw.oifDetached === true;
  }
  if (raw.fwmark !== undefined) r.fwmark = raw.fwmark;
  if (raw.fwmask !== undefined) r.fwmask = raw.fwmask;
  if (raw.uidRange !== undefined) r.uidRange = { start: raw.uidRange.start, end: raw.uidRange.end };
  if (raw.suppressPrefixLength !== undefined) r.suppressPrefixLength = raw.suppressPrefixLength;
  if (raw.table !== 0) r.table = raw.table;
  if (raw.goto !== undefined) r.goto = raw.goto;
  return r;
}

// ---- the family on one handle -------------------------------------------------------------------

/** Policy routing rules: `ip rule` on one handle. */
export class Rules {
  readonly #h: FamilyContext;
  /** @internal Use `handle.rules`. */
  constructor(handle: FamilyContext) {
    this.#h = handle;
  }

  /**
   * Lists the rules of both families (or one), in priority order as the kernel keeps them.
   *
   * Equivalent to: `ip [-4|-6] rule show [table T]`
   */
  async list(filter: RuleFilter = {}): Promise<Rule[]> {
    const f = v.object<Record<string, unknown>>('filter', filter);
    v.knownKeys('filter', f, ['family', 'table']);
    const family = f.family === undefined ? undefined : familyOption('filter.family', f.family);
    const t = f.table === undefined ? undefined : table('filter.table', f.table);
    // The kernel filters a rule dump by family only (strict checking refuses anything else).
    const raw = (await this.#h.request(C.RTM_GETRULE!, C.NLM_F_DUMP!, {
      family: family === undefined ? C.AF_UNSPEC! : AF[family],
    })) as NativeRule[];
    return raw.flatMap((r) => {
      const rule = toRule(r);
      return rule && (family === undefined || rule.family === family) && (t === undefined || rule.table === t) ? [rule] : [];
    });
  }

  /**
   * Adds a rule; rejects with EEXIST when an identical one exists.
   *
   * Equivalent to: `ip rule add [not] from 172.16.10.0/24 [to P] [iif D] [oif D] [fwmark M/MASK]
   * [tos T] [uidrange A-B] [pref N] [protocol P] lookup 10|goto N|nop|blackhole|unreachable|prohibit`
   */
  add(spec: RuleSpec): Promise<void> {
    return this.#write(C.RTM_NEWRULE!, C.NLM_F_CREATE! | C.NLM_F_EXCL!, spec, false);
  }

  /**
   * Deletes the first rule that matches what the spec gives (`{ priority: 100 }` is enough); rejects
   * with ENOENT when none does.
   *
   * Equivalent to: `ip rule del pref 100`, `ip rule del from 172.16.10.0/24 table 10`
   */
  delete(spec: RuleSpec): Promise<void> {
    return this.#write(C.RTM_DELRULE!, 0, spec, true);
  }

  #write(type: number, flags: number, spec: RuleSpec, del: boolean): Promise<void> {
    let req: NativeRuleRequest;
    try {
      req = checkSpec(spec, del);
    } catch (e) {
      return Promise.reject(e);
    }
    return this.#h.request(type, flags, req).then(nothing, (e: unknown) => {
      const where = describeNetns(this.#h.netns);
      return Promise.reject(explainRefusal(e, where, `an identical rule already exists in ${where}`));
    });
  }
}
