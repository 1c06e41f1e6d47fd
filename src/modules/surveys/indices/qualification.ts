// Owns: what a qualified answer means for the dissatisfaction indices — which causes are outside the
// control of the staff member (or of the office) and so leave that index's base. Pure.

/** Who or what caused the experience behind an answer, as qualified by Customer Service. */
export type Qualification = 'force_majeure' | 'office' | 'product' | 'staff';

export const QUALIFICATIONS: readonly Qualification[] = ['force_majeure', 'office', 'product', 'staff'];

/** The staff index counts only what the staff member controls: force majeure, office and product causes leave it. */
export function excludeFromStaffIndex(qualification: Qualification | null | undefined): boolean {
  return qualification === 'force_majeure' || qualification === 'office' || qualification === 'product';
}

/**
 * The office index judges the office and its processes; only force majeure is outside them. A staff-caused
 * answer stays in: the office answers for its staff.
 */
export function excludeFromOfficeIndex(qualification: Qualification | null | undefined): boolean {
  return qualification === 'force_majeure';
}
