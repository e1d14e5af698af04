import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { Problem } from '../api/types.js';
import { messages } from '../i18n/messages.js';
import { FIELD_RULES, PROBLEM_RULES, fieldErrorText, problemText, type Translate } from './problem-text.js';

const translator = (locale: 'en' | 'zh-CN') => {
  const i18n = createI18n({ legacy: false, locale, fallbackLocale: 'en', messages });
  return { t: ((key, params) => i18n.global.t(key, params ?? {})) as Translate, has: (key: string) => i18n.global.te(key, locale) };
};
const en = translator('en');
const zh = translator('zh-CN');

const problem = (p: Partial<Problem> & Record<string, unknown>): Problem => ({ title: 'Error', status: 400, ...p });

describe('problemText', () => {
  it.each([
    [{ status: 409, code: 'VERSION_CONFLICT', detail: 'The deal was changed by someone else (now version 4); reload it and try again' }, 'Someone else changed this in the meantime. Reload it and make your change again.', '该内容已被他人修改。请重新加载后再修改。'],
    [{ status: 409, code: 'RECORD_LOCKED', detail: 'This deal is waiting for an approval and cannot change until it is decided' }, 'This record is waiting for an approval and cannot change until it is decided.', '该记录正在等待审批，审批完成前不能修改。'],
    [{ status: 404, code: 'NOT_FOUND', detail: 'No deal with id 42' }, 'Not found: it may have been deleted, or the link is out of date.', '未找到：可能已被删除，或链接已失效。'],
    [{ status: 409, code: 'UNIQUE_VIOLATION', detail: 'Another customer already has this email', errors: [{ field: 'email', message: 'is already taken', code: 'UNIQUE' }] }, 'Another record already has this value of email.', '已有其他记录使用了相同的 email 值。'],
    [{ status: 422, code: 'RULE_VIOLATION', detail: 'A reference points to a record that does not exist.', errors: [{ field: 'customer', message: 'refers to a record that does not exist', code: 'REFERENCE_NOT_FOUND' }] }, 'A reference points to a record that does not exist.', '引用的记录不存在。'],
    [{ status: 422, code: 'RULE_VIOLATION', detail: '“stage” changes only through a transition (from “new”: qualify).', params: { field: 'stage', state: 'new', transitions: 'qualify' }, errors: [{ field: 'stage', message: 'changes only through a transition', code: 'STATE_FIELD' }] }, '“stage” changes only through a transition (from “new”: qualify).', '“stage”只能通过状态流转改变（从“new”可执行：qualify）。'],
    [{ status: 409, code: 'WRONG_STATE', detail: '“win” is not possible from the state “lost”.', params: { transition: 'win', state: 'lost' } }, '“win” is not possible from the state “lost”.', '当前状态“lost”下不能执行“win”。'],
    [{ status: 422, code: 'GUARD_FAILED', detail: 'The conditions of "win" are not met' }, 'The conditions of “win” are not met.', '不满足“win”的条件。'],
    [{ status: 403, code: 'ROLE_REQUIRED', detail: '“approve” needs one of the roles: manager, director.', params: { transition: 'approve', roles: 'manager, director' } }, '“approve” needs one of the roles: manager, director.', '“approve”需要以下角色之一：manager, director。'],
    [{ status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Too many failed sign-ins; try again in 15 minute(s)', retryAfterSeconds: 61 }, 'Too many attempts. Try again in 2 minute(s).', '尝试次数过多，请在 2 分钟后重试。'],
    [{ status: 429, code: 'TOO_MANY_REQUESTS', detail: 'Too many attempts. Try again in 15 minute(s).', params: { minutes: 15 } }, 'Too many attempts. Try again in 15 minute(s).', '尝试次数过多，请在 15 分钟后重试。'],
    [{ status: 409, code: 'PLUGIN_REQUIRED', detail: 'Plugin "service" requires "customers"; uninstall "service" first', params: { other: 'service', plugin: 'customers' } }, 'Plugin "service" requires "customers"; uninstall "service" first', '插件“service”依赖“customers”，请先卸载“service”。'],
    [{ status: 409, code: 'PLUGIN_DEPENDENCY_MISSING', detail: 'Plugin "sales" requires plugin "crm", which does not exist', params: { plugin: 'sales', dependency: 'crm' } }, 'Plugin "sales" requires plugin "crm", which does not exist', '插件“sales”依赖插件“crm”，但该插件不可用。'],
    [{ status: 422, code: 'IMPORT_FAILED', detail: '3 rows cannot be imported; nothing was written', failed: 3 }, 'Nothing was imported: 3 row(s) have errors.', '未导入任何数据：3 行有错误。'],
    [{ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'The file is larger than 25 MB' }, 'The file is larger than 25 MB.', '文件大于 25 MB。'],
    [{ status: 413, code: 'PAYLOAD_TOO_LARGE', detail: 'What you sent is too large (the limit is 1048576 bytes).', params: { limit: '1048576 bytes' } }, 'What you sent is too large (the limit is 1048576 bytes).', '发送的内容过大（上限为 1048576 bytes）。'],
    [{ status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', detail: 'The server cannot read this kind of content: send CSV (Content-Type: text/csv).', params: { expected: 'CSV (Content-Type: text/csv)' } }, 'The server cannot read this kind of content: send CSV (Content-Type: text/csv).', '服务器无法读取此类内容，请发送 CSV (Content-Type: text/csv)。'],
    [{ status: 401, code: 'UNAUTHORIZED', detail: 'Your session has ended. Sign in again.' }, 'Your session has ended. Sign in again.', '会话已结束，请重新登录。'],
    [{ status: 503, code: 'QUERY_TIMEOUT', detail: 'The request took too long and was cancelled' }, 'The request took too long and was cancelled. Narrow it down and try again.', '请求耗时过长，已被取消。请缩小范围后重试。'],
    [{ status: 0, code: 'NETWORK', detail: 'Failed to fetch' }, 'The server cannot be reached. Check the connection and try again.', '无法连接服务器，请检查网络后重试。'],
  ])('words %j in both languages', (p, english, chinese) => {
    expect(problemText(problem(p), en.t)).toBe(english);
    expect(problemText(problem(p), zh.t)).toBe(chinese);
  });

  it('keeps the server detail for an unknown code', () => {
    const p = problem({ status: 409, code: 'SOMETHING_NEW', detail: 'A brand-new refusal' });
    expect(problemText(p, en.t)).toBe('A brand-new refusal');
    expect(problemText(p, zh.t)).toBe('A brand-new refusal');
    expect(problemText(problem({ status: 500, title: 'Internal Server Error' }), zh.t)).toBe('Internal Server Error');
  });

  it('shows a rule-specific refusal after a localised lead-in', () => {
    const p = problem({ status: 403, code: 'FORBIDDEN', detail: 'You may not change "amount"' });
    expect(problemText(p, en.t)).toBe('You do not have permission to do this: You may not change "amount"');
    expect(problemText(p, zh.t)).toBe('您没有执行此操作的权限：You may not change "amount"');
    expect(problemText(problem({ status: 403, code: 'FORBIDDEN' }), zh.t)).toBe('您没有执行此操作的权限。');
  });

  it('lists the field errors of a generic refusal, localised', () => {
    const p = problem({ code: 'INVALID_INPUT', detail: 'The deal is not valid: check title, seats', errors: [{ field: 'title', message: 'is required', code: 'REQUIRED' }, { field: '/seats', message: 'must be <= 10', code: 'MAXIMUM' }] });
    expect(problemText(p, en.t)).toBe('Some values are not valid: title: is required; seats: must be <= 10.');
    expect(problemText(p, zh.t)).toBe('部分值无效：title：为必填项；seats：必须 <= 10。');
  });
});

describe('fieldErrorText', () => {
  it.each([
    [{ field: 'title', message: 'is required', code: 'REQUIRED' }, 'is required', '为必填项'],
    [{ field: 'name', message: 'is required' }, 'is required', '为必填项'],
    [{ field: 'email', message: 'is already taken', code: 'UNIQUE' }, 'is already taken', '已被占用'],
    [{ field: 'email', message: 'is taken' }, 'is already taken', '已被占用'],
    [{ field: 'password', message: 'must be at most 256 characters', code: 'TOO_LONG' }, 'must be at most 256 characters', '最多 256 个字符'],
    [{ field: 'q', message: 'at most 200 characters', code: 'TOO_LONG' }, 'must be at most 200 characters', '最多 200 个字符'],
    [{ field: 'stage', message: 'must be "new" (the initial state) or left out', code: 'STATE_FIELD' }, 'must be “new” (the initial state) or left out', '必须为“new”（初始状态）或留空'],
    [{ field: 'stage', message: '"x" is not one of: a, b', code: 'ENUM' }, '"x" is not one of: a, b', '"x" 不是可选值之一：a, b'],
    [{ field: 'close', message: 'must be on or after 2026-01-01', code: 'RANGE' }, 'must be on or after 2026-01-01', '必须不早于 2026-01-01'],
    [{ field: 'name', message: 'must NOT have more than 80 characters', code: 'MAX_LENGTH' }, 'must be at most 80 characters', '最多 80 个字符'],
    [{ field: 'shared', message: 'must be a boolean' }, 'must be true or false', '必须为是或否'],
    [{ field: 'photos', message: 'names a file that is not yours to attach: upload it again', code: 'FILE_NOT_AVAILABLE' }, 'names a file that is not yours to attach: upload it again', '包含不能由您添加的文件，请重新上传'],
    [{ field: 'scan', message: 'holds a file larger than 0.5 MB', code: 'FILE_TOO_LARGE' }, 'holds a file larger than 0.5 MB', '包含大于 0.5 MB 的文件'],
  ])('words %j in both languages', (e, english, chinese) => {
    expect(fieldErrorText(e, en.t)).toBe(english);
    expect(fieldErrorText(e, zh.t)).toBe(chinese);
  });

  it("keeps the server's message when nothing matches (a rule's own message)", () => {
    expect(fieldErrorText({ field: 'amount', message: 'Amount must cover the discount', code: 'RULE' }, zh.t)).toBe('Amount must cover the discount');
  });
});

describe('the tables', () => {
  it('have every wording in both languages', () => {
    for (const r of [...PROBLEM_RULES, ...FIELD_RULES]) {
      expect(en.has(r.key), r.key).toBe(true);
      expect(zh.has(r.key), r.key).toBe(true);
    }
  });

  it('word every code they list', () => {
    const codes = new Set(PROBLEM_RULES.map((r) => r.code));
    for (const c of ['VERSION_CONFLICT', 'RECORD_LOCKED', 'NOT_FOUND', 'TOO_MANY_REQUESTS', 'UNIQUE_VIOLATION', 'RULE_VIOLATION', 'WRONG_STATE', 'ROLE_REQUIRED', 'GUARD_FAILED', 'PLUGIN_REQUIRED', 'PLUGIN_DEPENDENCY_MISSING', 'PLUGIN_DEPENDENCY_CYCLE', 'IMPORT_FAILED', 'INVALID_CSV', 'PAYLOAD_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE', 'UNAUTHORIZED', 'QUERY_TIMEOUT']) {
      expect(codes.has(c), c).toBe(true);
    }
  });
});
