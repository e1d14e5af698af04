import { api } from './http.js';

/** An active session (GET /api/auth/sessions, GET /api/users/:id/sessions). */
export interface SessionSummary {
  id: string;
  userAgent: string | null;
  ip: string | null;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  current: boolean;
}

export const mySessions = async (): Promise<SessionSummary[]> => (await api.get<{ data: SessionSummary[] }>('/api/auth/sessions')).data;
export const endMySession = (id: string): Promise<void> => api.delete<void>(`/api/auth/sessions/${encodeURIComponent(id)}`);
export const endUserSessions = async (userId: string): Promise<number> => (await api.delete<{ ended: number }>(`/api/users/${encodeURIComponent(userId)}/sessions`)).ended;

/** A short name of the device from its User-Agent: browser and system ("Chrome · Windows"). */
export const deviceOf = (agent: string | null): string => {
  if (!agent) return '';
  const browser = /Edg\//.test(agent) ? 'Edge' : /Firefox\//.test(agent) ? 'Firefox' : /Chrom(e|ium)\//.test(agent) ? 'Chrome' : /Safari\//.test(agent) ? 'Safari' : '';
  const system = /Windows/.test(agent) ? 'Windows' : /Android/.test(agent) ? 'Android' : /iPhone|iPad/.test(agent) ? 'iOS' : /Mac OS X/.test(agent) ? 'macOS' : /Linux/.test(agent) ? 'Linux' : '';
  return [browser, system].filter(Boolean).join(' · ') || agent.slice(0, 60);
};
