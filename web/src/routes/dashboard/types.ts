// The answer of GET /api/v1/analytics/dashboard (src/modules/analytics/analytics.schema.ts).
export type Grain = 'month' | 'week' | 'day';
export interface Filters {
  from?: string;
  to?: string;
  grain?: Grain;
  unitId?: string;
  channel?: string;
  kind?: string;
  categoryId?: string;
}
interface Named {
  nameRu: string;
  nameEn: string;
}
export interface CategoryRow extends Named {
  categoryId: string | null;
  code: string | null;
  appeals: number;
  share: number | null;
  series: number[];
}
export interface TableRow {
  id: string | null;
  name: string;
  nameEn: string;
  appeals: number;
  share: number | null;
  series: number[];
}
export interface Percentiles {
  count: number;
  median: number | null;
  p90: number | null;
  sampled: boolean;
}
export interface Dashboard {
  filters: {
    from: string;
    to: string;
    grain: Grain;
    timeZone: string;
    unitId: string | null;
    channel: string | null;
    kind: string | null;
    categoryId: string | null;
  };
  buckets: string[];
  total: number;
  appealsOverTime: {
    buckets: string[];
    total: number[];
    byKind: { kind: string; values: number[] }[];
    previousYear: { buckets: string[]; total: number[]; byKind: { kind: string; values: number[] }[] };
  };
  channelMix: { channel: string; appeals: number; share: number | null; series: number[] }[];
  topCategories: CategoryRow[];
  longServiceCauses: CategoryRow[];
  thanksShare: { bucket: string; thanks: number; appeals: number; share: number | null }[];
  sla: {
    total: { met: number; breached: number; open: number; compliancePercent: number | null };
    byMonth: { bucket: string; met: number; breached: number; open: number; compliancePercent: number | null }[];
  };
  times: { firstResponse: Percentiles; resolution: Percentiles; pendingAppeals: number };
  backlog: { open: number; overdue: number; byStatus: Record<string, number> };
  units: TableRow[];
  agents: TableRow[];
  categories: TableRow[];
  submissionErrors: {
    unitId: string;
    unitName: string;
    rejections: number;
    submissions: number;
    errorRate: number | null;
    byCode: Record<string, number>;
  }[];
  satisfaction: { available: boolean; indices: { key: string; value: number | null; sampleSize: number }[] };
}
export type BlockName =
  | 'appealsOverTime'
  | 'channelMix'
  | 'topCategories'
  | 'longServiceCauses'
  | 'thanksShare'
  | 'sla'
  | 'times'
  | 'backlog'
  | 'units'
  | 'agents'
  | 'categories'
  | 'submissionErrors';
