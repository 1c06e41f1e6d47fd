// Pure rules of queues: whether an agent's attestation holds on a day, and whom a queue's strategy picks next.
// No I/O here, so both can be tested by the hundred.

export type Attestation = 'certified' | 'in_training' | 'expired';
/** What an attestation means on a given day; 'pending' is a certification whose first day is still ahead. */
export type EffectiveAttestation = Attestation | 'pending';
export type AssignmentStrategy = 'manual' | 'round_robin' | 'least_loaded';

export interface AttestationRecord {
  attestation: Attestation;
  /** Calendar days as 'YYYY-MM-DD'; null leaves that side open. */
  attestedFrom: string | null;
  attestedUntil: string | null;
}

/** The attestation as it stands on `today` ('YYYY-MM-DD'): anything past its last day reads as expired. */
export function effectiveAttestation(member: AttestationRecord, today: string): EffectiveAttestation {
  if (member.attestation === 'expired') {
    return 'expired';
  }
  if (member.attestedUntil !== null && today > member.attestedUntil) {
    return 'expired';
  }
  if (member.attestation === 'certified' && member.attestedFrom !== null && today < member.attestedFrom) {
    return 'pending';
  }
  return member.attestation;
}

export interface Candidate {
  userId: string;
  lastAssignedAt: Date | null;
  /** The member's open (not resolved or closed) appeals. */
  openCount: number;
  available: boolean;
  /** Allowed to own the queue's appeals: certified today, or the queue does not require it. */
  attested: boolean;
}

const byUserId = (a: Candidate, b: Candidate) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);

/** Never assigned sorts first; then the longest ago. */
function byLastAssigned(first: Candidate, second: Candidate): number {
  if (first.lastAssignedAt === null || second.lastAssignedAt === null) {
    return first.lastAssignedAt === second.lastAssignedAt ? 0 : first.lastAssignedAt === null ? -1 : 1;
  }
  return first.lastAssignedAt.getTime() - second.lastAssignedAt.getTime();
}

/**
 * The member the strategy gives the next appeal to, among the available and attested; null when there is none
 * or the queue is assigned by hand. Round-robin: the one assigned longest ago (never first), ties by userId.
 * Least-loaded: the fewest open appeals, ties as round-robin.
 */
export function pickAssignee(strategy: AssignmentStrategy, candidates: readonly Candidate[]): string | null {
  if (strategy === 'manual') {
    return null;
  }
  const eligible = candidates.filter((c) => c.available && c.attested);
  const order = (a: Candidate, b: Candidate) =>
    (strategy === 'least_loaded' ? a.openCount - b.openCount : 0) || byLastAssigned(a, b) || byUserId(a, b);
  return eligible.sort(order)[0]?.userId ?? null;
}
