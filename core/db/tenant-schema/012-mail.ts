import type { Knex } from 'knex';
import { execScript } from '../exec-script.js';

export const version = 12;
export const name = 'mail';
export const description = 'e-mail in and out (_mail_messages, _mail_links, _mail_opt_outs, _mail_settings), read and written by core/mail';

/**
 * `_mail_messages`: every message sent or received, with its parts, status (`sent`,
 * `failed`, `skipped`, `received`, `unparsed`), Message-ID and thread; a message that could not be
 * parsed keeps its raw bytes. `_mail_links`: which records a message concerns.
 * `_mail_opt_outs`: addresses that asked for no more bulk mail. `_mail_settings`: the tenant's
 * one row of sending identity and the key that signs unsubscribe links.
 * Written `if not exists`, as a climb from an earlier recorded version runs the rungs after it again.
 */
const DDL = `create table if not exists _mail_messages (
  id uuid primary key,
  direction text not null check (direction in ('out', 'in')),
  status text not null,
  mailbox text,
  from_address text,
  from_name text,
  to_addresses jsonb not null default '[]'::jsonb,
  subject text,
  text_body text,
  html_body text,
  message_id text,
  in_reply_to text,
  refs jsonb not null default '[]'::jsonb,
  thread_id uuid not null,
  attachments jsonb not null default '[]'::jsonb,
  raw bytea,
  problem text,
  bulk_id uuid,
  created_by uuid,
  created_at timestamptz not null default now()
);
create index if not exists _mail_messages_message_id on _mail_messages (message_id);
create index if not exists _mail_messages_thread on _mail_messages (thread_id, created_at);
create index if not exists _mail_messages_in_hour on _mail_messages (direction, created_at);
create table if not exists _mail_links (
  message uuid not null references _mail_messages (id) on delete cascade,
  entity text not null,
  record_id uuid not null,
  primary key (message, entity, record_id)
);
create index if not exists _mail_links_record on _mail_links (entity, record_id);
create table if not exists _mail_opt_outs (
  address text primary key,
  source text not null,
  created_at timestamptz not null default now()
);
create table if not exists _mail_settings (
  id boolean primary key default true check (id),
  from_name text,
  from_address text,
  signing_key text not null,
  updated_at timestamptz not null default now()
)`;

export const up = async (trx: Knex.Transaction): Promise<void> => {
  await execScript(trx, DDL);
};
