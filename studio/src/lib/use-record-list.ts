import { ref, shallowRef } from 'vue';
import { ApiError } from '../api/http.js';
import { listRecords, type ListQuery } from '../api/records.js';
import type { RecordData } from '../api/types.js';

/** One list of records with keyset paging: load the first page, then "load more" with the cursor. */
export const useRecordList = (entity: () => string, query: () => Omit<ListQuery, 'cursor'>) => {
  const rows = shallowRef<RecordData[]>([]);
  const cursor = ref<string | null>(null);
  const loading = ref(false);
  /** How many records the query matches across all pages (asked with the first page). */
  const total = ref<number | null>(null);
  const error = ref<ApiError | Error | null>(null);
  let seq = 0;

  const fetchPage = async (more: boolean) => {
    const mine = ++seq;
    loading.value = true;
    error.value = null;
    try {
      const page = await listRecords(entity(), { ...query(), cursor: more ? cursor.value : undefined, ...(!more && { total: true }) });
      if (mine !== seq) return;
      if (!more) total.value = typeof page.total === 'number' ? page.total : null;
      rows.value = more ? [...rows.value, ...page.data] : page.data;
      cursor.value = page.nextCursor;
    } catch (e) {
      if (mine !== seq) return;
      // A page of the device's copy (offline) has a cursor the server does not know: back online, start again from the server.
      if (more && cursor.value?.startsWith('local:') && e instanceof ApiError && e.status !== 0) return void (await fetchPage(false));
      error.value = e instanceof Error ? e : new Error(String(e));
      if (!more) {
        rows.value = [];
        total.value = null;
      }
    } finally {
      if (mine === seq) loading.value = false;
    }
  };

  return { rows, cursor, loading, error, total, reload: () => fetchPage(false), loadMore: () => fetchPage(true) };
};
