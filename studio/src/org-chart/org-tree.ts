import type { RecordData } from '../api/types.js';

/** A contact in the org chart with the contacts who report to them. */
export interface OrgNode {
  contact: RecordData;
  reports: OrgNode[];
}

const idOf = (value: unknown): string | null => {
  if (typeof value === 'string' && value) return value;
  if (value && typeof value === 'object' && 'id' in value) return String((value as { id: unknown }).id);
  return null;
};

/**
 * The customer's org chart from its contacts' `reports_to`: a contact whose boss is not among
 * them (none, or one the reader may not see) is at the top. Each contact appears once, even if
 * stored data ever made a loop (the loop's first contact then goes to the top).
 */
export const buildOrgTree = (contacts: RecordData[]): OrgNode[] => {
  const byId = new Map(contacts.map((c) => [String(c.id), c]));
  const below = new Map<string, RecordData[]>();
  const roots: RecordData[] = [];
  for (const c of contacts) {
    const boss = idOf(c.reports_to);
    if (boss && boss !== String(c.id) && byId.has(boss)) below.set(boss, [...(below.get(boss) ?? []), c]);
    else roots.push(c);
  }
  const placed = new Set<string>();
  const grow = (contact: RecordData): OrgNode => {
    placed.add(String(contact.id));
    const reports = (below.get(String(contact.id)) ?? []).filter((r) => !placed.has(String(r.id)));
    return { contact, reports: reports.map(grow) };
  };
  const tree = roots.map(grow);
  for (const c of contacts) if (!placed.has(String(c.id))) tree.push(grow(c)); // contacts caught in a loop
  return tree;
};
