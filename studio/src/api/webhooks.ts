import { api } from './http.js';

export type WebhookEvent = 'created' | 'updated' | 'deleted' | 'transitioned';
export const WEBHOOK_EVENTS: WebhookEvent[] = ['created', 'updated', 'deleted', 'transitioned'];
export type DeliveryStatus = 'pending' | 'retrying' | 'delivered' | 'dead' | 'skipped';
export const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'retrying', 'delivered', 'dead', 'skipped'];

/** A change webhook subscription; `secret` is whole only in the answer that made or rotated it. */
export interface Webhook {
  id: string;
  url: string;
  description: string | null;
  entities: string[];
  events: WebhookEvent[];
  active: boolean;
  secret: string;
  ownerId: string;
  createdAt: string;
  updatedAt: string;
}

export interface WebhookInput {
  url?: string;
  description?: string | null;
  entities?: string[];
  events?: WebhookEvent[];
  active?: boolean;
  rotateSecret?: boolean;
}

export interface Delivery {
  id: string;
  webhookId: string;
  event: WebhookEvent;
  entity: string;
  recordId: string;
  status: DeliveryStatus;
  attempts: number;
  responseCode: number | null;
  durationMs: number | null;
  lastError: string | null;
  createdAt: string;
  updatedAt: string;
  deliveredAt: string | null;
}

export const listWebhooks = async (): Promise<Webhook[]> => (await api.get<{ data: Webhook[] }>('/api/webhooks')).data;
export const createWebhook = (input: WebhookInput) => api.post<Webhook>('/api/webhooks', input);
export const updateWebhook = (id: string, input: WebhookInput) => api.patch<Webhook>(`/api/webhooks/${encodeURIComponent(id)}`, input);
export const deleteWebhook = (id: string) => api.delete<void>(`/api/webhooks/${encodeURIComponent(id)}`);
export const listDeliveries = (id: string, q: { status?: string; cursor?: string; limit?: number } = {}) =>
  api.get<{ data: Delivery[]; nextCursor: string | null }>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`, q);
export const redeliver = (id: string, deliveryId: string) => api.post<Delivery>(`/api/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/redeliver`);
