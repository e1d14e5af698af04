import { api } from './http.js';

/** A secret of the tenant's vault as the API shows it (GET /api/secrets): never its value. */
export interface SecretSummary {
  name: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** The names the vault takes (a letter, then letters, digits and _, at most 64) and the longest value it keeps. */
export { SECRET_NAME as SECRET_NAME_PATTERN, SECRET_VALUE_MAX } from '../../../core/security/secret-rules.js';

export const listSecrets = async (): Promise<SecretSummary[]> => (await api.get<{ data: SecretSummary[] }>('/api/secrets')).data;

/** Adds a secret or replaces its value. */
export const putSecret = (name: string, value: string): Promise<SecretSummary> => api.put<SecretSummary>(`/api/secrets/${encodeURIComponent(name)}`, { value });

export const deleteSecret = async (name: string): Promise<void> => {
  await api.delete<void>(`/api/secrets/${encodeURIComponent(name)}`);
};
