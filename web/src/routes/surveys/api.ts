// The survey screens' calls to /api/v1/surveys.
import { api, queryString } from '../../api/client.ts';
import type {
  CreateKioskLink,
  CreateSurvey,
  CreateTrigger,
  IndicesAnswer,
  IndicesQuery,
  KioskLink,
  Qualification,
  Survey,
  SurveyResponse,
  SurveyTrigger,
} from '../../api/contract.ts';

/** The indices table's filter: how rows are grouped, and the period. */
export type IndicesFilter = Pick<IndicesQuery, 'groupBy' | 'from' | 'to'>;

export const surveyKeys = { all: ['surveys'] as const };

export const fetchIndices = (filter: IndicesFilter) => api.get<IndicesAnswer>('/surveys/indices', { ...filter });
export const csvUrl = (filter: IndicesFilter) => `/api/v1/surveys/indices${queryString({ ...filter, format: 'csv' })}`;
export const fetchNegative = () =>
  api.items<SurveyResponse>('/surveys/responses', { negative: true, qualified: false });
export const qualify = (id: string, qualification: Qualification) =>
  api.put<SurveyResponse>(`/surveys/responses/${id}/qualification`, { qualification });
export const fetchSurveys = () => api.items<Survey>('/surveys');
export const createSurvey = (body: CreateSurvey) => api.post<Survey>('/surveys', body);
export const fetchTriggers = (surveyId: string) => api.items<SurveyTrigger>(`/surveys/${surveyId}/triggers`);
export const createTrigger = (surveyId: string, body: CreateTrigger) =>
  api.post<SurveyTrigger>(`/surveys/${surveyId}/triggers`, body);
export const setTriggerActive = (id: string, active: boolean) =>
  api.patch<SurveyTrigger>(`/surveys/triggers/${id}`, { active });

export const kioskLinkKeys = { all: [...surveyKeys.all, 'kiosk-links'] as const };
export const fetchKioskLinks = () => api.items<KioskLink>('/surveys/kiosk-links');
export const createKioskLink = (surveyId: string, body: CreateKioskLink) =>
  api.post<KioskLink>(`/surveys/${surveyId}/kiosk-links`, body);
export const revokeKioskLink = (id: string) => api.post<KioskLink>(`/surveys/kiosk-links/${id}/revoke`);
