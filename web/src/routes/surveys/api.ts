// The survey screens' calls to /api/v1/surveys.
import { api, queryString } from '../../api/client.ts';

export interface Result {
  value: number | null;
  n: number;
  ci: { low: number; high: number } | null;
}

export interface IndexRow {
  key: string | null;
  label: string | null;
  csat: { satisfied: Result; mean0to10: Result; mean1to5: Result };
  nps: Result;
  ces: { mean1to7: Result; mean1to5: Result };
  staffDissatisfaction: Result;
  officeDissatisfaction: Result;
  emotionalLoyalty: Result;
  responseRate: Result;
  exactConversion: Result;
  visitorCoverage: Result;
  forceMajeureLevel: Result;
  emailCaptureRate: Result & { target: number; meetsTarget: boolean | null };
  counts: { sent: number; answered: number; silent: number };
}

export interface IndicesReport {
  groupBy: string;
  correctionCoefficient: number;
  items: IndexRow[];
}

export interface IndicesFilter {
  groupBy: string;
  from?: string;
  to?: string;
}

export interface SurveyResponse {
  id: string;
  surveyName: string;
  unitName: string | null;
  staffName: string | null;
  appealNumber: number | null;
  sentAt: string | null;
  csatScore: number | null;
  csatMax: number | null;
  nps: number | null;
  staffKey: number | null;
  officeKey: number | null;
  qualification: string | null;
  answers: { questionId: string; value: unknown }[];
}

export interface Survey {
  id: string;
  name: string;
  questions: { id: string; type: string; wording: { ru: string; en: string } }[];
  active: boolean;
  sent: boolean;
}

export interface Trigger {
  id: string;
  event: string;
  delivery: string;
  delayMinutes: number;
  throttleDays: number;
  active: boolean;
}

export const surveyKeys = { all: ['surveys'] as const };

export const fetchIndices = (f: IndicesFilter) => api.get<IndicesReport>('/surveys/indices', { ...f });
export const csvUrl = (f: IndicesFilter) => `/api/v1/surveys/indices${queryString({ ...f, format: 'csv' })}`;
export const fetchNegative = () =>
  api.get<{ items: SurveyResponse[] }>('/surveys/responses', { negative: true, qualified: false }).then((r) => r.items);
export const qualify = (id: string, qualification: string) =>
  api.put<SurveyResponse>(`/surveys/responses/${id}/qualification`, { qualification });
export const fetchSurveys = () => api.get<{ items: Survey[] }>('/surveys').then((r) => r.items);
export const createSurvey = (body: unknown) => api.post<Survey>('/surveys', body);
export const fetchTriggers = (surveyId: string) =>
  api.get<{ items: Trigger[] }>(`/surveys/${surveyId}/triggers`).then((r) => r.items);
export const createTrigger = (surveyId: string, body: unknown) =>
  api.post<Trigger>(`/surveys/${surveyId}/triggers`, body);
export const setTriggerActive = (id: string, active: boolean) =>
  api.patch<Trigger>(`/surveys/triggers/${id}`, { active });
