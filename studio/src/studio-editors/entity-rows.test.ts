import { describe, expect, it } from 'vitest';
import { pendingDrafts } from './entity-rows.js';

const draft = (name: string, updatedAt: string) => ({ kind: 'entity', name, updatedAt });

describe('pendingDrafts', () => {
  const drafts = [draft('before', '2026-12-01T10:00:00Z'), draft('after', '2026-12-01T12:00:00Z')];

  it('leaves out documents saved before the last publish', () => {
    const history = [{ publishedAt: null }, { publishedAt: '2026-12-01T11:00:00Z' }, { publishedAt: '2026-11-01T11:00:00Z' }];
    expect(pendingDrafts(drafts, history).map((d) => d.name)).toEqual(['after']);
  });

  it('counts every draft when nothing was ever published or the history is unknown', () => {
    expect(pendingDrafts(drafts, [{ publishedAt: null }]).map((d) => d.name)).toEqual(['before', 'after']);
    expect(pendingDrafts(drafts, undefined).map((d) => d.name)).toEqual(['before', 'after']);
  });
});
