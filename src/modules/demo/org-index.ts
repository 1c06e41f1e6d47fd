// Lookups over a demo org that the appeal generator makes millions of times: units by type with their
// weights, each unit's responsible, agents by queue, and how texts name people.
import type { DemoOrg, DemoUnit, DemoUser, UnitType } from './model.ts';
import { weightedPicker, type Rng } from './random.ts';
import type { TextPerson } from './texts.ts';

export interface OrgIndex {
  /** A unit of the type, by weight; undefined when the org has none. */
  unitOf(type: UnitType, rng: Rng): DemoUnit | undefined;
  anyUnit(rng: Rng): DemoUnit | undefined;
  store(rng: Rng): DemoUnit | undefined;
  responsibleOf(unitId: string): string | null;
  owner(rng: Rng, phone: boolean, english: boolean): DemoUser;
  supervisor(rng: Rng): DemoUser | null;
  person(userId: string): TextPerson;
  /** The largest UTC offset among the units, in milliseconds. */
  maxOffsetMs: number;
}

/** Units that may submit appeals themselves (store submissions, EDMS). */
export const SUBMITTING: ReadonlySet<UnitType> = new Set(['store', 'service_centre', 'document_service', 'services']);

export function indexOrg(rng: Rng, org: DemoOrg): OrgIndex {
  if (org.users.length === 0) {
    throw new Error('Demo appeals need at least one user to own them');
  }
  const byType = new Map<UnitType, (r: Rng) => DemoUnit>();
  for (const type of new Set(org.units.map((u) => u.type))) {
    byType.set(type, weightedPicker(org.units.filter((u) => u.type === type).map((u) => [u, u.weight] as const)));
  }
  const anyUnit = org.units.length ? weightedPicker(org.units.map((u) => [u, u.weight] as const)) : undefined;

  const users = new Map(org.users.map((u) => [u.id, u]));
  const responsible = new Map<string, string>();
  for (const member of org.members) {
    // A unit_responsible wins over other responsible members (a head of department who is an admin).
    const answers = !responsible.has(member.unitId) || users.get(member.userId)?.role === 'unit_responsible';
    if (member.responsible && answers) {
      responsible.set(member.unitId, member.userId);
    }
  }
  const callCentres = new Set(org.units.filter((u) => u.type === 'call_centre').map((u) => u.id));
  const inCallCentre = new Set(org.members.filter((m) => callCentres.has(m.unitId)).map((m) => m.userId));
  let agents = org.users.filter((u) => u.role === 'agent');
  if (agents.length === 0) {
    agents = org.users.filter((u) => u.role !== 'unit_responsible' && u.role !== 'analyst');
  }
  if (agents.length === 0) {
    agents = org.users;
  }
  // Some agents take more than others: load is never even.
  const withLoad = (user: DemoUser) => [user, rng.logNormal(1, 0.35)] as const;
  const load = (list: DemoUser[]) => (list.length ? weightedPicker(list.map(withLoad)) : undefined);
  const all = weightedPicker(agents.map(withLoad));
  const phone = load(agents.filter((u) => inCallCentre.has(u.id))) ?? all;
  const desk = load(agents.filter((u) => !inCallCentre.has(u.id))) ?? all;
  const english = load(agents.filter((u) => u.locale === 'en'));
  const supervisors = org.users.filter((u) => u.role === 'supervisor' || u.role === 'cs_head');

  const people = new Map<string, TextPerson>();
  for (const user of org.users) {
    const first = user.shortName.split(' ')[0] ?? user.shortName;
    people.set(user.id, { gender: user.gender, full: user.shortName, polite: first });
  }
  const maxOffset = org.units.reduce((max, u) => Math.max(max, u.offsetMinutes), 180);

  return {
    unitOf: (type, r) => byType.get(type)?.(r),
    anyUnit: (r) => anyUnit?.(r),
    store: (r) => byType.get('store')?.(r),
    responsibleOf: (unitId) => responsible.get(unitId) ?? null,
    owner: (r, isPhone, isEnglish) =>
      isEnglish && english && r.chance(0.7) ? english(r) : isPhone ? phone(r) : desk(r),
    supervisor: (r) => (supervisors.length ? r.pick(supervisors) : null),
    person: (userId) => people.get(userId) ?? { gender: 'm', full: 'Оператор', polite: 'Оператор' },
    maxOffsetMs: maxOffset * 60_000,
  };
}
