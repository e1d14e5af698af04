import { api } from './http.js';

/** A stored message as the server shows it on a record (GET /api/records/:entity/:id/emails). */
export interface RecordMail {
  id: string;
  direction: 'out' | 'in';
  status: 'sent' | 'failed' | 'skipped' | 'received' | 'unparsed';
  from: { address: string | null; name: string | null };
  to: string[];
  subject: string | null;
  text: string | null;
  html: string | null;
  messageId: string | null;
  threadId: string;
  attachments: { file: string; name: string; type: string; size: number }[];
  problem: string | null;
  createdAt: string;
}

/** The e-mails a record concerns, newest first (only for records the user may read). */
export const recordEmails = async (entity: string, id: string): Promise<RecordMail[]> =>
  (await api.get<{ data: RecordMail[] }>(`/api/records/${encodeURIComponent(entity)}/${encodeURIComponent(id)}/emails`)).data;
