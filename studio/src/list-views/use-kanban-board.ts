import { reactive, ref } from 'vue';
import { ApiError } from '../api/http.js';
import { listRecords, recordTransitions, runTransition, updateRecord } from '../api/records.js';
import type { LifecycleDocument, RecordData } from '../api/types.js';
import { allOf } from '../lib/filter-logic.js';
import { columnFilter, transitionTo } from './kanban-columns.js';

export interface ColumnState {
  rows: RecordData[];
  cursor: string | null;
  /** How many records the column holds in all (the server's total), once loaded. */
  total: number | null;
  loading: boolean;
  error: unknown;
}

const blank = (): ColumnState => ({ rows: [], cursor: null, total: null, loading: false, error: null });

/** A column's count for its header: the server's total, else the cards loaded so far. */
export const columnCount = (col: ColumnState | undefined): number => col?.total ?? col?.rows.length ?? 0;

/** Why a move did not happen, for the message the board shows. */
export type MoveRefusal = { kind: 'none' } | { kind: 'refused'; detail?: string } | { kind: 'conflict' } | { kind: 'error'; error: unknown };

export interface BoardInput {
  entity: () => string;
  field: () => string;
  values: () => string[];
  /** The view's and the user's filters. */
  filter: () => unknown;
  q: () => string;
  fields: () => string[];
  pageSize: () => number;
  lifecycle: () => LifecycleDocument | undefined;
}

/**
 * A kanban board's data: one keyset-paged list per column, and moving a card between
 * columns through the lifecycle transition that leads there, or a versioned PATCH.
 */
export const useKanbanBoard = (input: BoardInput) => {
  const columns = reactive<Record<string, ColumnState>>({});
  const moving = ref<string | null>(null);
  const seqs: Record<string, number> = {};

  const load = async (value: string, more = false) => {
    const col = (columns[value] ??= blank());
    const mine = (seqs[value] = (seqs[value] ?? 0) + 1);
    col.loading = true;
    col.error = null;
    try {
      const page = await listRecords(input.entity(), {
        filter: allOf(input.filter(), columnFilter(input.field(), value)),
        q: input.q(),
        fields: input.fields(),
        limit: input.pageSize(),
        cursor: more ? col.cursor : undefined,
        total: !more,
      });
      if (mine !== seqs[value]) return;
      col.rows = more ? [...col.rows, ...page.data] : page.data;
      col.cursor = page.nextCursor;
      if (page.total !== undefined) col.total = page.total;
    } catch (e) {
      if (mine !== seqs[value]) return;
      col.error = e;
    } finally {
      if (mine === seqs[value]) col.loading = false;
    }
  };

  /** Makes sure every column has its state before the board is drawn. */
  const ensure = (values: string[]) => {
    for (const v of values) columns[v] ??= blank();
  };

  const reload = () => Promise.all(input.values().map((v) => load(v)));

  const take = (value: string, id: string): RecordData | undefined => {
    const col = columns[value];
    const i = col?.rows.findIndex((r) => r.id === id) ?? -1;
    return i < 0 ? undefined : col.rows.splice(i, 1)[0];
  };
  const put = (value: string, card: RecordData, index = 0) => {
    const col = (columns[value] ??= blank());
    if (!col.rows.some((r) => r.id === card.id)) col.rows.splice(Math.min(index, col.rows.length), 0, card);
  };

  /** Writes the move of a card already shown in `to`; on refusal puts it back in `from` and answers why. */
  const commit = async (id: string, from: string, to: string): Promise<MoveRefusal | null> => {
    const card = columns[to]?.rows.find((r) => r.id === id);
    if (!card || from === to) return null;
    moving.value = id;
    const back = () => {
      const c = take(to, id);
      if (c) put(from, c);
    };
    try {
      const entity = input.entity();
      let saved: RecordData;
      if (input.lifecycle()) {
        const found = transitionTo(await recordTransitions(entity, id), from, to);
        if (!found.ok) {
          back();
          return found.reason === 'none' ? { kind: 'none' } : { kind: 'refused', detail: found.detail };
        }
        saved = await runTransition(entity, id, found.transition.name, Number(card.version));
      } else {
        saved = await updateRecord(entity, id, Number(card.version), { [input.field()]: to });
      }
      Object.assign(card, { [input.field()]: to, version: saved.version });
      const [a, b] = [columns[from], columns[to]];
      if (a?.total != null) a.total -= 1;
      if (b?.total != null) b.total += 1;
      return null;
    } catch (e) {
      back();
      if (e instanceof ApiError && e.status === 409) {
        void load(from);
        void load(to);
        return { kind: 'conflict' };
      }
      if (e instanceof ApiError && (e.status === 403 || e.status === 422)) return { kind: 'refused', detail: e.problem.detail ?? e.message };
      return { kind: 'error', error: e };
    } finally {
      moving.value = null;
    }
  };

  /** Moves a card by command (the keyboard and phone path): shows it in `to`, then writes it. */
  const move = async (id: string, from: string, to: string): Promise<MoveRefusal | null> => {
    const card = take(from, id);
    if (!card) return null;
    put(to, card);
    return commit(id, from, to);
  };

  return { columns, moving, ensure, load, reload, commit, move };
};
