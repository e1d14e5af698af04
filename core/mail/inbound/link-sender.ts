import type { Knex } from 'knex';
import type { EffectiveMeta } from '../../metadata/types.js';
import type { MailLink } from '../messages.js';

/** Entities and their e-mail fields (retired fields left out). */
const emailFields = (meta: EffectiveMeta): [string, string[]][] =>
  Object.values(meta.entities)
    .map((doc): [string, string[]] => [doc.name, Object.entries(doc.fields).filter(([, f]) => f.type === 'email' && !(f as { retired?: boolean }).retired).map(([k]) => k)])
    .filter(([, fields]) => fields.length > 0);

/**
 * The live records whose e-mail fields hold the address (case-insensitively), across every
 * entity that has such a field: what a message from (or to) that address concerns. At most
 * 20 per entity; an entity whose table is not there yet (not published) is passed over.
 */
export const recordsByAddress = async (db: Knex, meta: EffectiveMeta, address: string): Promise<MailLink[]> => {
  const links: MailLink[] = [];
  for (const [entity, fields] of emailFields(meta)) {
    const rows = await db
      .transaction((sp) =>
        sp(entity)
          .whereNull('deleted_at')
          .where((w) => {
            for (const f of fields) w.orWhereRaw('lower(??) = ?', [f, address.toLowerCase()]);
          })
          .orderBy('id')
          .limit(20)
          .select('id'),
      )
      .catch(() => [] as { id: string }[]);
    links.push(...rows.map((r: { id: string }) => ({ entity, id: r.id })));
  }
  return links;
};

/** The entity declared as the e-mail contact (`emailContact: true`), if any. */
export const contactEntityOf = (meta: EffectiveMeta): string | undefined => Object.values(meta.entities).find((d) => (d as { emailContact?: boolean }).emailContact)?.name;
