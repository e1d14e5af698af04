/**
 * Every problem the engine answers with, in one list: its code, its HTTP status and its
 * text in English and Chinese, with `{placeholders}` for values. The server builds its
 * English `detail` from this list (core/errors.ts `problem`), words it in the reader's language
 * from it (core/errors/localise.ts), and the studio words the same codes in the user's language
 * from it, so none of them can drift apart.
 *
 * Browser-safe on purpose: no imports, no Node. The studio imports this file.
 *
 * A key is usually the code itself. A key with `code` is a *case* of that code: a sentence of
 * its own for one common reason (e.g. FORBIDDEN because only admins may do it), sent with the
 * code's status and wire code, and told apart by its detail.
 * A `generic` code is a category whose detail the throw site words itself (e.g. "No such
 * user"); the studio then shows the detail (or the field errors) rather than the category.
 */
export interface ProblemText {
  readonly en: string;
  readonly 'zh-CN': string;
}

export interface ProblemEntry extends ProblemText {
  readonly status: number;
  /** The wire code when this entry is a case of another code. */
  readonly code?: string;
  readonly generic?: boolean;
}

export interface FieldProblemEntry extends ProblemText {
  /** The wire code when this entry is a case of another field code. */
  readonly code?: string;
  /** Other English wordings of the same message (older servers, ajv), matched but never sent. */
  readonly also?: readonly string[];
  /** Matched only for errors that carry this code, never by message alone. */
  readonly codeOnly?: boolean;
}

export const PROBLEMS = {
  // Requests
  BAD_REQUEST: { status: 400, generic: true, en: 'The request is not valid.', 'zh-CN': '请求无效。' },
  INVALID_INPUT: { status: 400, generic: true, en: 'Some values are not valid.', 'zh-CN': '部分值无效。' },
  MALFORMED_JSON: { status: 400, en: 'The request body is not valid JSON.', 'zh-CN': '请求内容不是有效的 JSON。' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, en: 'The server cannot read this kind of content: send {expected}.', 'zh-CN': '服务器无法读取此类内容，请发送 {expected}。' },
  PAYLOAD_TOO_LARGE: { status: 413, en: 'What you sent is too large (the limit is {limit}).', 'zh-CN': '发送的内容过大（上限为 {limit}）。' },
  FILE_TOO_LARGE_UPLOAD: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The file is larger than {size}.', 'zh-CN': '文件大于 {size}。' },
  IMPORT_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The file is larger than {size}; split it or use the crm import command.', 'zh-CN': '文件大于 {size}，请拆分文件或使用 crm import 命令。' },
  PRECONDITION_REQUIRED: { status: 428, en: 'The version you edited is missing (send If-Match: <version>). Reload and try again.', 'zh-CN': '缺少所编辑内容的版本（请发送 If-Match: <version>），请重新加载后重试。' },
  NOT_FOUND: { status: 404, en: 'Not found: it may have been deleted, or the link is out of date.', 'zh-CN': '未找到：可能已被删除，或链接已失效。' },
  CONFLICT: { status: 409, generic: true, en: 'This conflicts with the current state.', 'zh-CN': '与当前状态冲突。' },
  RULE_VIOLATION: { status: 422, generic: true, en: 'A rule of the data is not met.', 'zh-CN': '不符合数据规则。' },
  TOO_MANY_REQUESTS: { status: 429, en: 'Too many attempts. Try again in {minutes} minute(s).', 'zh-CN': '尝试次数过多，请在 {minutes} 分钟后重试。' },
  RATE_LIMITED_KEY: { status: 429, code: 'TOO_MANY_REQUESTS', en: 'This API key made more than {limit} requests this minute. Try again in {seconds} second(s).', 'zh-CN': '此 API 密钥本分钟的请求已超过 {limit} 次，请在 {seconds} 秒后重试。' },
  RATE_LIMITED_TENANT: { status: 429, code: 'TOO_MANY_REQUESTS', en: 'The API keys of this tenant made more than {limit} requests this minute. Try again in {seconds} second(s).', 'zh-CN': '本租户的 API 密钥本分钟的请求已超过 {limit} 次，请在 {seconds} 秒后重试。' },
  RATE_LIMITED_ADDRESS: { status: 429, code: 'TOO_MANY_REQUESTS', en: 'Too many requests from your address. Try again in {seconds} second(s).', 'zh-CN': '来自您地址的请求过多，请在 {seconds} 秒后重试。' },
  TOO_MANY_EVENT_STREAMS: { status: 429, code: 'TOO_MANY_REQUESTS', en: 'You already have {max} live event streams open; close one (another tab or window) first.', 'zh-CN': '您已打开 {max} 个实时事件流，请先关闭一个（其他标签页或窗口）。' },
  QUERY_TIMEOUT: { status: 503, en: 'The request took too long and was cancelled. Narrow it down and try again.', 'zh-CN': '请求耗时过长，已被取消。请缩小范围后重试。' },
  INTERNAL: { status: 500, en: 'Something went wrong on our side. The error was logged.', 'zh-CN': '服务器出错，错误已记录。' },

  // Public endpoints, web forms and the portal
  PUBLIC_ENDPOINTS_OFF: { status: 404, code: 'NOT_FOUND', en: 'This page is not available.', 'zh-CN': '此页面不可用。' },
  WEB_FORM_NOT_FOUND: { status: 404, code: 'NOT_FOUND', en: 'There is no form named “{name}”.', 'zh-CN': '没有名为“{name}”的表单。' },
  DOCUMENT_TEMPLATE_INVALID: { status: 422, en: 'The document template cannot be used: {count} of its tags are broken or it is not a Word (.docx) file.', 'zh-CN': '文档模板无法使用：有 {count} 处标签有误，或它不是 Word（.docx）文件。' },
  FORM_EXPIRED: { status: 422, en: 'This form has expired. Reload the page and send it again.', 'zh-CN': '表单已过期，请刷新页面后重新提交。' },
  PORTAL_SIGN_IN_FIRST: { status: 401, code: 'UNAUTHORIZED', en: 'Sign in to the portal first.', 'zh-CN': '请先登录门户。' },
  PORTAL_NO_ENTITY: { status: 404, code: 'NOT_FOUND', en: 'There is nothing named “{entity}” in the portal.', 'zh-CN': '门户中没有“{entity}”。' },
  PORTAL_INVITATION_INVALID: { status: 400, en: 'This invitation is not valid: it is unknown, used or expired.', 'zh-CN': '该邀请无效：未知、已使用或已过期。' },
  PASSWORD_RESET_INVALID: { status: 400, en: 'This password reset link is not valid: it is unknown, used or expired.', 'zh-CN': '该密码重置链接无效：未知、已使用或已过期。' },
  PORTAL_VERIFICATION_INVALID: { status: 400, en: 'This verification link is not valid: it is unknown, used or expired.', 'zh-CN': '该验证链接无效：未知、已使用或已过期。' },
  PORTAL_ROLE_UNKNOWN: { status: 400, en: 'There is no portal role named “{role}”.', 'zh-CN': '没有名为“{role}”的门户角色。' },

  // Signing in and rights
  UNAUTHORIZED: { status: 401, generic: true, en: 'You are not signed in.', 'zh-CN': '您尚未登录。' },
  SIGN_IN_FIRST: { status: 401, code: 'UNAUTHORIZED', en: 'Sign in first.', 'zh-CN': '请先登录。' },
  SESSION_ENDED: { status: 401, code: 'UNAUTHORIZED', en: 'Your session has ended. Sign in again.', 'zh-CN': '会话已结束，请重新登录。' },
  API_KEY_INVALID: { status: 401, code: 'UNAUTHORIZED', en: 'This API key is not valid: it is unknown, revoked or expired.', 'zh-CN': '该 API 密钥无效：未知、已吊销或已过期。' },
  SERVICE_ACCOUNT_EXPIRED: { status: 401, code: 'UNAUTHORIZED', en: 'The service account “{name}” expired on {expiredAt}. A tenant admin can extend it.', 'zh-CN': '服务账号“{name}”已于 {expiredAt} 过期，租户管理员可以延长其有效期。' },
  WRONG_CREDENTIALS: { status: 401, code: 'UNAUTHORIZED', en: 'Wrong tenant, e-mail or password.', 'zh-CN': '租户、邮箱或密码错误。' },
  API_KEY_TWO_FACTOR_REQUIRED: { status: 403, code: 'FORBIDDEN', en: 'This API key belongs to a user whose role requires two-factor sign-in, which is not set up yet. Set it up, and the key works again.', 'zh-CN': '此 API 密钥所属用户的角色要求两步验证，但尚未设置。设置完成后密钥即可恢复使用。' },
  SECRETS_KEY_MISMATCH: { status: 500, en: 'A stored secret was sealed with another key than this server has (CRM_SECRETS_KEY). Set the key it was stored with, or enter the secret again.', 'zh-CN': '存储的密钥使用了与本服务器不同的加密密钥（CRM_SECRETS_KEY）。请设置存储时使用的密钥，或重新输入该密钥。' },
  SECRET_NOT_FOUND: { status: 404, code: 'NOT_FOUND', en: 'There is no secret named “{name}”.', 'zh-CN': '没有名为“{name}”的密钥。' },
  SSO_NOT_CONFIGURED: { status: 404, code: 'NOT_FOUND', en: 'This tenant has no single sign-on provider.', 'zh-CN': '该租户未配置单点登录。' },
  SSO_PROVIDER_UNREACHABLE: { status: 502, en: 'The sign-in provider could not be reached. Try again later or sign in with your password.', 'zh-CN': '无法连接登录提供方。请稍后再试，或使用密码登录。' },
  SSO_STATE_INVALID: { status: 401, code: 'UNAUTHORIZED', en: 'The sign-in with your provider took too long or did not start here. Start it again.', 'zh-CN': '通过提供方登录超时或并非从此处发起，请重新开始。' },
  SSO_SIGN_IN_FAILED: { status: 401, code: 'UNAUTHORIZED', en: 'The sign-in provider did not confirm who you are.', 'zh-CN': '登录提供方未能确认您的身份。' },
  SSO_EMAIL_UNVERIFIED: { status: 403, code: 'FORBIDDEN', en: 'The sign-in provider did not give a verified e-mail address.', 'zh-CN': '登录提供方未提供已验证的邮箱地址。' },
  SSO_IDENTITY_CONFLICT: { status: 403, code: 'FORBIDDEN', en: 'The user with your e-mail address signs in as another person of this provider. Ask a tenant admin.', 'zh-CN': '使用您邮箱的用户已关联该登录提供方的另一个身份，请联系租户管理员。' },
  SSO_USER_UNKNOWN: { status: 403, code: 'FORBIDDEN', en: 'There is no active user with your e-mail address in this tenant. Ask a tenant admin to add you.', 'zh-CN': '该租户中没有使用您邮箱的有效用户，请联系租户管理员添加。' },
  TWO_FACTOR_REQUIRED: { status: 401, en: 'Enter the code from your authenticator app to finish signing in.', 'zh-CN': '请输入身份验证器应用中的验证码以完成登录。' },
  TWO_FACTOR_CODE_REQUIRED: { status: 400, code: 'INVALID_INPUT', en: 'Enter the 6-digit code from your authenticator app, or a recovery code.', 'zh-CN': '请输入身份验证器应用中的 6 位验证码，或一个恢复码。' },
  TWO_FACTOR_WRONG_CODE: { status: 422, en: 'This code is not right, or it was already used. Enter the current code from your authenticator app.', 'zh-CN': '验证码不正确或已被使用。请输入身份验证器应用中的当前验证码。' },
  TWO_FACTOR_CHALLENGE_INVALID: { status: 401, code: 'UNAUTHORIZED', en: 'The sign-in took too long or is not valid. Enter your password again.', 'zh-CN': '登录超时或无效，请重新输入密码。' },
  TWO_FACTOR_ALREADY_ON: { status: 409, code: 'CONFLICT', en: 'Two-factor sign-in is already on. Turn it off first to enrol another device.', 'zh-CN': '两步验证已开启。如需绑定其他设备，请先关闭。' },
  TWO_FACTOR_NOT_STARTED: { status: 409, code: 'CONFLICT', en: 'Start setting up two-factor sign-in first.', 'zh-CN': '请先开始设置两步验证。' },
  TWO_FACTOR_NOT_ON: { status: 409, code: 'CONFLICT', en: 'Two-factor sign-in is not on.', 'zh-CN': '两步验证未开启。' },
  FORBIDDEN: { status: 403, generic: true, en: 'You do not have permission to do this.', 'zh-CN': '您没有执行此操作的权限。' },
  ADMINS_ONLY: { status: 403, code: 'FORBIDDEN', en: 'Only tenant admins may do this.', 'zh-CN': '只有租户管理员可以执行此操作。' },
  READ_ONLY_KEY: { status: 403, code: 'FORBIDDEN', en: 'This API key may only read.', 'zh-CN': '此 API 密钥只能读取。' },
  OUTSIDE_WRITE_SCOPE: { status: 403, code: 'FORBIDDEN', en: 'This service account may not write {entity} records (outside its write scope).', 'zh-CN': '此服务账号不能写入 {entity} 记录（超出其写入范围）。' },
  SERVICE_ACCOUNT_READ_ONLY: { status: 403, code: 'FORBIDDEN', en: 'This service account may only read.', 'zh-CN': '此服务账号只能读取。' },
  NOT_APPROVER: { status: 403, code: 'FORBIDDEN', en: 'You are not an approver of this approval.', 'zh-CN': '您不是该审批的审批人。' },
  ADMIN_ONLY: { status: 403, en: 'Only tenant admins may {what}.', 'zh-CN': '只有租户管理员可以{what}。' },
  CSRF: { status: 403, en: 'The page is out of date for this session. Reload the page and try again.', 'zh-CN': '页面已过期，请刷新页面后重试。' },
  CROSS_SITE: { status: 403, en: 'Requests from other sites are not accepted.', 'zh-CN': '不接受来自其他网站的请求。' },
  NO_READ_RIGHT: { status: 403, en: 'Your roles do not allow reading {entity} records.', 'zh-CN': '您的角色不允许查看 {entity} 记录。' },
  NO_CREATE_RIGHT: { status: 403, en: 'Your roles do not allow creating {entity} records.', 'zh-CN': '您的角色不允许新建 {entity} 记录。' },
  NO_RIGHT: { status: 403, en: 'Your roles do not allow changing or deleting this record.', 'zh-CN': '您的角色不允许修改或删除该记录。' },
  NO_UPLOAD_RIGHT: { status: 403, en: 'Your roles do not allow attaching files to {field}.', 'zh-CN': '您的角色不允许向 {field} 添加附件。' },
  NO_ACTION_RIGHT: { status: 403, en: 'Your roles do not allow this (it needs the “{right}” right).', 'zh-CN': '您的角色不允许此操作（需要“{right}”权限）。' },

  // Records
  VERSION_CONFLICT: { status: 409, en: 'Someone else changed this in the meantime. Reload it and make your change again.', 'zh-CN': '该内容已被他人修改。请重新加载后再修改。' },
  BATCH_ROLLED_BACK: { status: 422, en: '{failed} of {total} items failed, so none was applied (all or none).', 'zh-CN': '{total} 项中有 {failed} 项失败，因此全部未执行（全部或全不）。' },
  NOT_APPLIED: { status: 424, en: 'Not applied: another item of this all-or-none batch failed.', 'zh-CN': '未执行：同一批次（全部或全不）中的另一项失败。' },
  IN_RECYCLE_BIN: { status: 409, en: 'The {entity} with this {field} is in the recycle bin; restore it first.', 'zh-CN': '该{field}对应的{entity}在回收站中；请先恢复。' },
  PRECONDITION_FAILED: { status: 412, en: 'No {entity} has this {field}, so If-Match cannot hold.', 'zh-CN': '没有{entity}具有该{field}，If-Match 条件不成立。' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, en: 'This Idempotency-Key was already used for a different request (method, path or body); use a new key.', 'zh-CN': '该 Idempotency-Key 已用于另一个请求（方法、路径或内容不同）；请使用新的键。' },
  IDEMPOTENCY_KEY_IN_USE: { status: 409, en: 'A request with this Idempotency-Key is still being processed; retry shortly.', 'zh-CN': '使用该 Idempotency-Key 的请求仍在处理中；请稍后重试。' },
  TRY_AGAIN: { status: 409, en: 'The record is busy with another change. Try again in a moment.', 'zh-CN': '该记录正在进行另一项修改，请稍后重试。' },
  UNIQUE_VIOLATION: { status: 409, en: 'Another record already has this value of {field}.', 'zh-CN': '已有其他记录使用了相同的 {field} 值。' },
  UNIQUE_VALUE_TAKEN: { status: 409, code: 'UNIQUE_VIOLATION', en: 'Another record already has this value.', 'zh-CN': '已有其他记录使用了相同的值。' },
  STILL_REFERENCED: { status: 422, code: 'RULE_VIOLATION', en: 'This record is still referred to by other records.', 'zh-CN': '该记录仍被其他记录引用。' },
  REFERENCE_MISSING: { status: 422, code: 'RULE_VIOLATION', en: 'A reference points to a record that does not exist.', 'zh-CN': '引用的记录不存在。' },
  INITIAL_STATE: { status: 422, code: 'RULE_VIOLATION', en: 'A new record starts in the state “{initial}”.', 'zh-CN': '新记录的初始状态为“{initial}”。' },
  STATE_BY_TRANSITION: { status: 422, code: 'RULE_VIOLATION', en: '“{field}” changes only through a transition (from “{state}”: {transitions}).', 'zh-CN': '“{field}”只能通过状态流转改变（从“{state}”可执行：{transitions}）。' },
  MERGE_SAME_RECORD: { status: 422, code: 'RULE_VIOLATION', en: 'A record cannot be merged with itself.', 'zh-CN': '记录不能与自身合并。' },
  MERGE_NOT_FOUND: { status: 409, code: 'CONFLICT', en: 'This record was not removed by a merge, or the merge was already undone.', 'zh-CN': '该记录不是因合并而删除的，或该合并已被撤销。' },
  MERGE_UNDO_TOO_LATE: { status: 409, code: 'CONFLICT', en: 'A merge can be undone only within {days} days.', 'zh-CN': '合并只能在 {days} 天内撤销。' },
  NOT_DELETED: { status: 409, en: 'This record is not in the recycle bin.', 'zh-CN': '该记录不在回收站中。' },
  RECORD_LOCKED: { status: 409, en: 'This record is waiting for an approval and cannot change until it is decided.', 'zh-CN': '该记录正在等待审批，审批完成前不能修改。' },
  SCHEMA_NOT_READY: { status: 409, en: 'The data tables do not match the metadata yet. Publish the metadata first.', 'zh-CN': '数据表与元数据尚不一致，请先发布元数据。' },
  METADATA_CHANGED: { status: 409, code: 'CONFLICT', en: 'The metadata was changed by someone else since you opened it. Reload it.', 'zh-CN': '元数据在您打开后已被他人修改，请重新加载。' },
  USER_EXISTS: { status: 409, code: 'CONFLICT', en: 'A user with the e-mail {email} already exists.', 'zh-CN': '已存在邮箱为 {email} 的用户。' },
  VIEW_NAME_TAKEN: { status: 409, code: 'CONFLICT', en: 'You already have a view named “{name}”.', 'zh-CN': '您已有名为“{name}”的视图。' },
  OWN_ADMIN_RIGHTS: { status: 409, code: 'CONFLICT', en: 'You cannot remove your own admin rights or deactivate yourself; ask another admin.', 'zh-CN': '不能移除自己的管理员权限或停用自己，请联系其他管理员。' },

  // Lifecycles and workflows
  WRONG_STATE: { status: 409, en: '“{transition}” is not possible from the state “{state}”.', 'zh-CN': '当前状态“{state}”下不能执行“{transition}”。' },
  ROLE_REQUIRED: { status: 403, en: '“{transition}” needs one of the roles: {roles}.', 'zh-CN': '“{transition}”需要以下角色之一：{roles}。' },
  GUARD_FAILED: { status: 422, en: 'The conditions of “{transition}” are not met.', 'zh-CN': '不满足“{transition}”的条件。' },
  TRANSITION_FIELD_NOT_ASKED: { status: 400, en: '“{transition}” does not ask for {fields}; give only the fields it asks for.', 'zh-CN': '“{transition}”不需要填写{fields}，请只填写它要求的字段。' },
  TRANSITION_FIELDS_MISSING: { status: 422, en: '“{transition}” needs {fields}.', 'zh-CN': '执行“{transition}”需要填写：{fields}。' },
  ALREADY_DECIDED: { status: 409, en: 'This approval has already been decided ({decision}).', 'zh-CN': '该审批已有结果（{decision}）。' },
  ALREADY_VOTED: { status: 409, en: 'You have already answered this approval.', 'zh-CN': '您已回复过该审批。' },
  DELEGATE_CANNOT_READ: { status: 403, code: 'FORBIDDEN', en: 'You stand in for an approver of this approval, but you may not read its record, so the delegation does not apply to it.', 'zh-CN': '您是该审批某位审批人的代理人，但您无权查看其记录，因此代理不适用于该审批。' },
  REASSIGNEE_CANNOT_READ: { status: 422, code: 'RULE_VIOLATION', en: '{name} may not read the record of this approval, so it cannot go to them.', 'zh-CN': '{name} 无权查看该审批的记录，因此不能转交给其处理。' },
  REASSIGN_NOT_ALLOWED: { status: 403, code: 'FORBIDDEN', en: 'Only the approver, their manager or a tenant admin may hand this approval to someone else.', 'zh-CN': '只有审批人本人、其上级或租户管理员可以转交该审批。' },
  NOT_AN_OPEN_APPROVER: { status: 422, code: 'RULE_VIOLATION', en: '{name} is not an approver of this approval who has yet to answer.', 'zh-CN': '{name} 不是该审批中尚未回复的审批人。' },
  ALREADY_APPROVER: { status: 409, code: 'CONFLICT', en: '{name} is already an approver of this approval.', 'zh-CN': '{name} 已是该审批的审批人。' },
  NO_DELEGATION: { status: 404, code: 'NOT_FOUND', en: 'No out-of-office delegate is set.', 'zh-CN': '未设置外出代理人。' },
  NOT_FAILED: { status: 409, en: 'Only a failed run can be retried; this one is {status}.', 'zh-CN': '只有失败的运行可以重试，该运行的状态为 {status}。' },
  NOT_MANUAL: { status: 409, en: 'Workflow “{workflow}” is not started by hand.', 'zh-CN': '工作流“{workflow}”不能手动启动。' },
  NOT_WEBHOOK: { status: 409, en: 'Workflow “{workflow}” is not started by a webhook.', 'zh-CN': '工作流“{workflow}”不是由 Webhook 启动的。' },
  CONDITION_NOT_MET: { status: 422, en: 'The workflow’s condition does not hold for {count} of the records.', 'zh-CN': '有 {count} 条记录不满足该工作流的条件。' },
  STALE_WEBHOOK: { status: 401, en: 'X-Timestamp must be Unix seconds within {minutes} minutes of the server’s clock.', 'zh-CN': 'X-Timestamp 必须是与服务器时间相差 {minutes} 分钟以内的 Unix 秒数。' },
  BAD_SIGNATURE: { status: 401, en: 'X-Signature does not match the body.', 'zh-CN': 'X-Signature 与请求内容不符。' },
  RUN_TAKEN_OVER: { status: 409, en: 'Run {run} was taken over by another worker.', 'zh-CN': '运行 {run} 已被另一个工作进程接管。' },
  TOO_MANY_STEPS: { status: 422, en: 'The run visited {max} steps; a branch probably loops.', 'zh-CN': '该运行已经过 {max} 个步骤，某个分支可能在循环。' },
  STEP_MISSING: { status: 422, en: 'The workflow has no step “{step}”.', 'zh-CN': '工作流中没有步骤“{step}”。' },
  WORKFLOW_CHANGED: { status: 422, en: 'The workflow changed while the run was under way (step {position} was “{was}”, now “{now}”).', 'zh-CN': '运行期间工作流已被修改（第 {position} 步原为“{was}”，现为“{now}”）。' },
  NO_RECORD: { status: 422, en: 'The step needs a record, but the run of “{workflow}” ({trigger}) has none.', 'zh-CN': '该步骤需要一条记录，但“{workflow}”的运行（{trigger}）没有记录。' },
  INVALID_STEP: { status: 400, en: 'Step “{step}” is not valid: {reason}.', 'zh-CN': '步骤“{step}”无效：{reason}。' },
  BAD_WAIT: { status: 422, en: 'Step “{step}”: “until” gave {value}, not a date.', 'zh-CN': '步骤“{step}”：“until”得到的是 {value}，不是日期。' },
  NO_CANDIDATES: { status: 422, en: 'Step “{step}” found no active user to assign to.', 'zh-CN': '步骤“{step}”找不到可分配的在职用户。' },
  NO_APPROVERS: { status: 422, en: 'Step “{step}” found no active approver.', 'zh-CN': '步骤“{step}”找不到在职的审批人。' },
  MAIL_NOT_CONFIGURED: { status: 503, en: 'E-mail is not configured on this server (set CRM_SMTP_URL).', 'zh-CN': '此服务器未配置邮件（请设置 CRM_SMTP_URL）。' },
  INVALID_RECURRENCE: { status: 422, en: 'The repeat rule “{rule}” is not a valid RRULE.', 'zh-CN': '重复规则“{rule}”不是有效的 RRULE。' },
  MAIL_NOT_SENT: { status: 502, en: 'The mail server did not take the message: {reason}', 'zh-CN': '邮件服务器未接收该邮件：{reason}' },
  BAD_UNSUBSCRIBE_LINK: { status: 400, en: 'This unsubscribe link is not valid.', 'zh-CN': '此退订链接无效。' },
  WEBHOOK_FAILED: { status: 502, en: 'Webhook answered {status}', 'zh-CN': 'Webhook 返回了 {status}。' },
  WEBHOOK_TIMEOUT: { status: 504, en: 'Webhook {host} did not answer within {ms} ms.', 'zh-CN': 'Webhook {host} 在 {ms} 毫秒内没有响应。' },
  WEBHOOK_URL: { status: 422, en: 'A webhook URL must be http or https, not {protocol}.', 'zh-CN': 'Webhook 地址必须是 http 或 https，而不是 {protocol}。' },
  WEBHOOK_REDIRECTS: { status: 422, en: 'The webhook redirected more than 5 times.', 'zh-CN': 'Webhook 重定向超过 5 次。' },
  WEBHOOK_TARGET_REFUSED: { status: 422, en: 'Webhook target {host} resolves to {address}, a private, loopback or link-local address (allow it with CRM_WEBHOOK_ALLOW).', 'zh-CN': 'Webhook 目标 {host} 解析为 {address}，这是私有、回环或链路本地地址（可通过 CRM_WEBHOOK_ALLOW 允许）。' },
  WEBHOOK_DELIVERY_IN_FLIGHT: { status: 409, en: 'This delivery is still being sent; redeliver it once it has been delivered or given up.', 'zh-CN': '此投递仍在发送中，请在投递成功或放弃后再重新投递。' },
  SANDBOX_UNAVAILABLE: { status: 503, en: 'Scripts cannot run here: no sandbox.', 'zh-CN': '此处无法运行脚本：没有沙箱。' },
  BAD_HOST_CALL: { status: 400, en: 'The script called crm wrongly: {reason}.', 'zh-CN': '脚本对 crm 的调用有误：{reason}。' },
  SCRIPT_ERROR: { status: 422, en: 'Script failed: {reason}.', 'zh-CN': '脚本失败：{reason}。' },
  SCRIPT_TIMEOUT: { status: 422, en: 'Script failed: it ran out of time ({reason}).', 'zh-CN': '脚本失败：运行超时（{reason}）。' },
  SCRIPT_CPU_LIMIT: { status: 422, en: 'Script failed: it used too much CPU time ({reason}).', 'zh-CN': '脚本失败：CPU 时间超限（{reason}）。' },
  SCRIPT_MEMORY_LIMIT: { status: 422, en: 'Script failed: it used too much memory ({reason}).', 'zh-CN': '脚本失败：内存超限（{reason}）。' },
  SCRIPT_HOST_CALL_LIMIT: { status: 422, en: 'Script failed: it called crm too often ({reason}).', 'zh-CN': '脚本失败：调用 crm 次数过多（{reason}）。' },
  SCRIPT_QUOTA: { status: 503, en: 'Script failed: the tenant’s script time for this minute is used up ({reason}).', 'zh-CN': '脚本失败：本租户这一分钟的脚本时间已用完（{reason}）。' },
  SCRIPT_SANDBOX_CRASHED: { status: 503, en: 'Script failed: the sandbox stopped ({reason}).', 'zh-CN': '脚本失败：沙箱已停止（{reason}）。' },
  LEASE_LOST: { status: 503, en: 'The worker running it stopped responding; another worker takes it over.', 'zh-CN': '执行它的工作进程已无响应，将由其他工作进程接手。' },
  GAVE_UP: { status: 500, en: 'The run stopped responding on its last attempt.', 'zh-CN': '该运行在最后一次尝试时停止响应。' },
  LOOP_LIMIT: { status: 422, en: 'Not started: workflows triggered each other {depth} levels deep.', 'zh-CN': '未启动：工作流相互触发已达 {depth} 层。' },

  // Import and export
  IMPORT_FAILED: { status: 422, en: 'Nothing was imported: {count} row(s) have errors.', 'zh-CN': '未导入任何数据：{count} 行有错误。' },
  INVALID_CSV: { status: 400, en: 'The CSV cannot be read near line {line}: {reason}.', 'zh-CN': 'CSV 文件在第 {line} 行附近无法读取：{reason}。' },
  INVALID_XLSX: { status: 400, en: 'The file is not a readable Excel workbook (.xlsx): {reason}.', 'zh-CN': '该文件不是可读取的 Excel 工作簿（.xlsx）：{reason}。' },
  UNSUPPORTED_XLS: { status: 400, en: 'Old Excel workbooks (.xls) cannot be read: save the file as .xlsx or CSV.', 'zh-CN': '无法读取旧版 Excel 工作簿（.xls），请另存为 .xlsx 或 CSV。' },

  // Metadata, schema and plugins
  DESTRUCTIVE_NOT_CONFIRMED: { status: 409, en: 'The plan has {count} destructive step(s) that remove data. Confirm it to go on.', 'zh-CN': '该计划有 {count} 个会删除数据的步骤，请确认后继续。' },
  SCHEMA_CONFLICT: { status: 409, en: '“{from}” cannot be renamed to “{to}”: a retired table or column of that name still holds data. Purge it first.', 'zh-CN': '“{from}”不能改名为“{to}”：同名的已停用表或列仍有数据，请先清除。' },
  SCHEMA_APPLY_FAILED: { status: 409, en: 'Could not apply "{step}": {reason}. Nothing was changed.', 'zh-CN': '无法应用“{step}”：{reason}。未做任何更改。' },
  TYPE_CHANGE_FAILED: { status: 409, en: '{rows} rows of “{field}” cannot be converted to {to}; fix or clear those values first. Nothing was changed.', 'zh-CN': '“{field}”有 {rows} 行无法转换为 {to}，请先修正或清空这些值。未做任何更改。' },
  NOT_RETIRED: { status: 409, en: '{what} is still in the metadata. Remove it and publish before purging its data.', 'zh-CN': '{what} 仍在元数据中。请先移除并发布，再清除其数据。' },
  FIELD_IN_USE: { status: 409, en: '“{entity}.{field}” is still used by {count} part(s) of the metadata ({uses}). Change or remove them in the same draft first.', 'zh-CN': '“{entity}.{field}”仍被元数据中的 {count} 处使用（{uses}）。请先在同一草稿中修改或移除它们。' },
  ID_NOT_PURGEABLE: { status: 409, code: 'NOT_RETIRED', en: 'The id column can only be purged with its table.', 'zh-CN': 'id 列只能随其表一起清除。' },
  PLUGIN_INVALID: { status: 500, en: 'Plugin “{plugin}”: {reason}.', 'zh-CN': '插件“{plugin}”：{reason}。' },
  PLUGIN_INSTALLED: { status: 409, en: 'Plugin “{plugin}” is already installed (version {version}).', 'zh-CN': '插件“{plugin}”已安装（版本 {version}）。' },
  PLUGIN_STILL_INSTALLED: { status: 409, code: 'PLUGIN_INSTALLED', en: 'Plugin “{plugin}” is installed. Uninstall it before purging its data.', 'zh-CN': '插件“{plugin}”仍已安装，请先卸载再清除其数据。' },
  PLUGIN_REQUIRED: { status: 409, en: 'Plugin "{other}" requires "{plugin}"; uninstall "{other}" first', 'zh-CN': '插件“{other}”依赖“{plugin}”，请先卸载“{other}”。' },
  PLUGIN_DEPENDENCY_MISSING: { status: 409, en: 'Plugin "{plugin}" requires plugin "{dependency}", which does not exist', 'zh-CN': '插件“{plugin}”依赖插件“{dependency}”，但该插件不可用。' },
  PLUGIN_DEPENDENCY_VERSION: { status: 409, en: 'Plugin "{plugin}" requires "{dependency}" {range}, but "{dependency}" is at version {version}', 'zh-CN': '插件“{plugin}”需要“{dependency}” {range}，但“{dependency}”的版本是 {version}。' },
  PLUGIN_DEPENDENCY_CYCLE: { status: 409, en: 'Plugins require each other in a cycle: {cycle}', 'zh-CN': '插件之间存在循环依赖：{cycle}。' },
  PLUGIN_UP_TO_DATE: { status: 409, en: 'Plugin “{plugin}” is at version {installed}; the available version is {available}.', 'zh-CN': '插件“{plugin}”已是版本 {installed}，可用版本为 {available}。' },
  PLUGIN_RESTORE_CONFLICT: { status: 409, en: 'The customisations of plugin “{plugin}” cannot be restored. Nothing was changed.', 'zh-CN': '无法恢复插件“{plugin}”的自定义内容，未做任何更改。' },
  PLUGIN_UPGRADE_CONFLICT: { status: 409, en: 'Plugin “{plugin}” {version} conflicts with the tenant’s customisations in {count} place(s). Nothing was changed.', 'zh-CN': '插件“{plugin}” {version} 与租户的自定义内容有 {count} 处冲突，未做任何更改。' },
  PLUGIN_ARCHIVE_NOT_ZIP: { status: 400, en: 'The upload is not a plugin package: send a .zip archive with plugin.json at its top.', 'zh-CN': '上传的不是插件包：请发送顶层含 plugin.json 的 .zip 压缩包。' },
  PLUGIN_ARCHIVE_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The plugin package is larger than {limit}.', 'zh-CN': '插件包大于 {limit}。' },
  PLUGIN_ARCHIVE_UNPACKED_TOO_LARGE: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'Unpacked, the plugin package would be larger than {limit}. Nothing was installed.', 'zh-CN': '插件包解压后将大于 {limit}，未安装任何内容。' },
  PLUGIN_ARCHIVE_TOO_MANY_FILES: { status: 413, code: 'PAYLOAD_TOO_LARGE', en: 'The plugin package holds {count} files; at most {limit} are accepted.', 'zh-CN': '插件包含 {count} 个文件，最多接受 {limit} 个。' },
  PLUGIN_ARCHIVE_UNSAFE_PATH: { status: 400, en: 'The plugin package holds “{path}”, which points outside the package (.., an absolute path or a link). Nothing was installed.', 'zh-CN': '插件包中的“{path}”指向包外（..、绝对路径或链接），未安装任何内容。' },
  PLUGIN_ARCHIVE_CODE: { status: 400, en: 'An uploaded plugin holds metadata and data only; “{path}” is program code. Nothing was installed.', 'zh-CN': '上传的插件只能包含元数据和数据；“{path}”是程序代码，未安装任何内容。' },
  PLUGIN_ARCHIVE_UNKNOWN_FILE: { status: 400, en: '“{path}” has no place in a plugin package (plugin.json, the metadata folders and demo/ only). Nothing was installed.', 'zh-CN': '“{path}”不属于插件包（只能有 plugin.json、元数据文件夹和 demo/），未安装任何内容。' },
  PLUGIN_ARCHIVE_INVALID: { status: 400, code: 'INVALID_INPUT', en: 'The plugin package has {count} metadata problem(s). Nothing was installed.', 'zh-CN': '插件包有 {count} 处元数据问题，未安装任何内容。' },
  PLUGIN_NAME_SHIPPED: { status: 409, en: 'A plugin named “{plugin}” ships with the server; an upload cannot replace it.', 'zh-CN': '名为“{plugin}”的插件随服务器提供，上传的插件不能替换它。' },
  PLUGIN_ARCHIVE_NOT_NEWER: { status: 409, en: 'Plugin “{plugin}” is already here at version {current}; upload a version newer than that.', 'zh-CN': '插件“{plugin}”已有版本 {current}，请上传更新的版本。' },
  PLUGIN_PACKAGE_INSTALLED: { status: 409, en: 'The package “{plugin}” is installed in {tenants}; uninstall it there before removing the package.', 'zh-CN': '插件包“{plugin}”已安装在 {tenants} 中，请先在那里卸载，再删除插件包。' },
  MODULE_NAME_TAKEN: { status: 409, en: 'A module named “{module}” already exists.', 'zh-CN': '名为“{module}”的模块已存在。' },
  MODULE_DOCUMENT_TAKEN: { status: 409, en: '{document} already belongs to module “{module}”.', 'zh-CN': '{document} 已属于模块“{module}”。' },
  MODULE_NOT_TENANT_DOCUMENT: { status: 400, en: '{document} is not a document of this tenant’s own layer, so it cannot join a module.', 'zh-CN': '{document} 不是本租户自己的元数据文档，不能加入模块。' },
  MODULE_EMPTY: { status: 400, en: 'Module “{module}” has no documents to export yet.', 'zh-CN': '模块“{module}”还没有可导出的文档。' },
  MODULE_VERSION_INVALID: { status: 400, code: 'INVALID_INPUT', en: 'The version must be a semantic version newer than {current}, such as 1.1.0.', 'zh-CN': '版本号必须是比 {current} 更新的语义化版本，例如 1.1.0。' },
  PURGE_NOT_CONFIRMED: { status: 400, en: 'Purging destroys the data of plugin “{plugin}”. Confirm by repeating its name.', 'zh-CN': '清除将删除插件“{plugin}”的数据，请输入插件名称确认。' },

  // Published limits (docs/limits.md)
  LIMIT_EXCEEDED: { status: 422, generic: true, en: 'This goes past a published limit.', 'zh-CN': '超出了公布的上限。' },
  LIMIT_FIELDS_PER_ENTITY: { status: 422, code: 'LIMIT_EXCEEDED', en: '“{entity}” would have {count} fields; an entity holds at most {max} (limit fieldsPerEntity).', 'zh-CN': '“{entity}”将有 {count} 个字段；一个实体最多 {max} 个（上限 fieldsPerEntity）。' },
  LIMIT_ENTITIES_PER_TENANT: { status: 422, code: 'LIMIT_EXCEEDED', en: 'The tenant would have {count} entities; at most {max} are allowed (limit entitiesPerTenant).', 'zh-CN': '租户将有 {count} 个实体；最多允许 {max} 个（上限 entitiesPerTenant）。' },
  LIMIT_RULES_PER_ENTITY: { status: 422, code: 'LIMIT_EXCEEDED', en: '“{entity}” would have {count} validation rules; an entity holds at most {max} (limit rulesPerEntity).', 'zh-CN': '“{entity}”将有 {count} 条校验规则；一个实体最多 {max} 条（上限 rulesPerEntity）。' },
  LIMIT_ROLLUPS_PER_ENTITY: { status: 422, code: 'LIMIT_EXCEEDED', en: '“{entity}” would have {count} roll-up fields; an entity holds at most {max} (limit rollupsPerEntity).', 'zh-CN': '“{entity}”将有 {count} 个汇总字段；一个实体最多 {max} 个（上限 rollupsPerEntity）。' },
  LIMIT_WORKFLOW_STEPS: { status: 422, code: 'LIMIT_EXCEEDED', en: 'Workflow “{workflow}” would have {count} steps; a workflow holds at most {max} (limit workflowSteps).', 'zh-CN': '工作流“{workflow}”将有 {count} 个步骤；一个工作流最多 {max} 个（上限 workflowSteps）。' },
  LIMIT_REPORT_GROUP_BYS: { status: 422, code: 'LIMIT_EXCEEDED', en: 'Report “{report}” would group by {count} fields; a report groups by at most {max} (limit reportGroupBys).', 'zh-CN': '报表“{report}”将按 {count} 个字段分组；一个报表最多按 {max} 个分组（上限 reportGroupBys）。' },
  LIMIT_ROWS_PER_IMPORT: { status: 422, code: 'LIMIT_EXCEEDED', en: 'The file holds more than {max} rows; one import takes at most {max} (limit rowsPerImport). Split the file. Nothing was imported.', 'zh-CN': '文件超过 {max} 行；一次导入最多 {max} 行（上限 rowsPerImport）。请拆分文件。未导入任何内容。' },

  // The process
  PORT_IN_USE: { status: 409, en: '{where} is in use: stop what listens there, or choose another port (--port or PORT).', 'zh-CN': '{where} 已被占用：请停止占用它的程序，或换一个端口（--port 或 PORT）。' },
  PORT_NOT_ALLOWED: { status: 403, en: '{where} needs privileges this process does not have: choose a port above 1023 (--port or PORT).', 'zh-CN': '{where} 需要本进程没有的权限：请选择大于 1023 的端口（--port 或 PORT）。' },
  HOST_NOT_AVAILABLE: { status: 400, en: '{host} is not an address of this machine (--host).', 'zh-CN': '{host} 不是本机的地址（--host）。' },
  DATA_DIR_IN_USE: { status: 409, en: 'the server is running on {dir} ({where}): stop it, or use the HTTP API, or set DATABASE_URL', 'zh-CN': '服务器正在使用 {dir}（{where}）：请停止它，或改用 HTTP API，或设置 DATABASE_URL' },
  DATA_DIR_BUSY: { status: 409, code: 'DATA_DIR_IN_USE', en: '{dir} is in use by `crm {holder}` ({where}): wait for it to finish, or set DATABASE_URL', 'zh-CN': '{dir} 正被 `crm {holder}` 使用（{where}）：请等待其完成，或设置 DATABASE_URL' },
  DATA_DIR_LOCKED: { status: 409, code: 'DATA_DIR_IN_USE', en: '{dir} is locked by another process ({path}): stop it, or set DATABASE_URL', 'zh-CN': '{dir} 已被另一个进程锁定（{path}）：请停止该进程，或设置 DATABASE_URL' },

  // Two-factor sign-in required by a role, sessions, and purging from the recycle bin
  TWO_FACTOR_ENROLMENT_REQUIRED: { status: 403, code: 'FORBIDDEN', en: 'Your role requires two-factor sign-in: set it up before you continue.', 'zh-CN': '您的角色要求两步验证：请先完成设置再继续。' },
  TWO_FACTOR_REQUIRED_BY_ROLE: { status: 409, code: 'CONFLICT', en: 'Your role requires two-factor sign-in, so it cannot be turned off.', 'zh-CN': '您的角色要求两步验证，因此无法关闭。' },
  PURGE_TOO_EARLY: { status: 409, code: 'CONFLICT', en: 'This record can be purged once it has been in the recycle bin for {days} days.', 'zh-CN': '该记录在回收站中满 {days} 天后才能彻底删除。' },
  NO_SUCH_SESSION: { status: 404, code: 'NOT_FOUND', en: 'There is no such session (it may have ended already).', 'zh-CN': '没有这个会话（它可能已经结束）。' },
  MAIL_MERGE_FIELD: { status: 422, en: 'The template uses “{field}”, which {entity} does not have: fix the template or choose another audience.', 'zh-CN': '模板使用了“{field}”，但{entity}没有该字段：请修改模板或选择其他对象。' },
  BULK_MAIL_CONFIRM: { status: 409, en: 'This send reaches {count} recipients, more than {limit}: confirm the number to send it.', 'zh-CN': '本次发送将送达 {count} 位收件人，超过 {limit}：请确认人数后再发送。' },
  BULK_MAIL_TOO_LARGE: { status: 413, en: 'A bulk mail reaches at most {limit} records; this one matches {count}.', 'zh-CN': '一次群发最多 {limit} 条记录，本次匹配 {count} 条。' },
  // References that depend on another
  REFERENCE_MISMATCH: { status: 422, code: 'RULE_VIOLATION', en: '“{field}” must belong to the chosen “{other}”.', 'zh-CN': '“{field}”必须属于所选的“{other}”。' },
} as const satisfies Record<string, ProblemEntry>;

export type ProblemKey = keyof typeof PROBLEMS;

/** Field errors (`errors[].code`): what is wrong with one field, as a phrase after its name. */
export const FIELD_PROBLEMS = {
  REQUIRED: { en: 'is required', 'zh-CN': '为必填项' },
  REQUIRED_MAX: { code: 'REQUIRED', en: 'is required (at most {n} characters)', 'zh-CN': '为必填项（最多 {n} 个字符）' },
  UNIQUE: { en: 'is already taken', 'zh-CN': '已被占用', also: ['is taken', 'taken'] },
  REFERENCE_NOT_FOUND: { en: 'refers to a record that does not exist', 'zh-CN': '引用的记录不存在' },
  TEMPLATE_NOT_DOCX: { en: 'is not a Word (.docx) file', 'zh-CN': '不是 Word（.docx）文件' },
  STATE_FIELD: { en: 'changes only through a transition', 'zh-CN': '只能通过状态流转改变' },
  STATE_FIELD_INITIAL: { code: 'STATE_FIELD', en: 'must be “{initial}” (the initial state) or left out', 'zh-CN': '必须为“{initial}”（初始状态）或留空' },
  CHECK: { en: 'is not allowed', 'zh-CN': '不被允许' },
  READ_ONLY: { en: 'cannot be written', 'zh-CN': '不能写入' },
  FIELD_READ_ONLY_FOR_YOU: { code: 'FIELD_NOT_WRITABLE', en: 'is read-only for you', 'zh-CN': '对您只读' },
  FIELD_NOT_WRITABLE: { en: 'is not accessible to you', 'zh-CN': '您无权访问' },
  NO_ASSIGN_RIGHT: { en: 'needs the assign right', 'zh-CN': '需要分配权限' },
  UNKNOWN_FIELD: { en: 'is not a known field', 'zh-CN': '不是已知字段' },
  UNKNOWN_DIMENSION: { en: 'is not a dimension of this report', 'zh-CN': '不是此报表的维度' },
  UNKNOWN_LEVEL: { en: 'is not a level of this dimension', 'zh-CN': '不是此维度的层级' },
  DUPLICATE_DIMENSION: { en: 'is already on the pivot', 'zh-CN': '已在透视表中使用' },
  UNKNOWN_MEASURE: { en: 'is not a measure of this report', 'zh-CN': '不是此报表的度量' },
  ENUM: { en: '{values} is not one of: {allowed}', 'zh-CN': '{values} 不是可选值之一：{allowed}', codeOnly: true },
  PATTERN: { en: 'must match the pattern {pattern}', 'zh-CN': '必须符合格式 {pattern}', codeOnly: true },
  RANGE: { en: 'must be on or after {date}', 'zh-CN': '必须不早于 {date}', codeOnly: true },
  RANGE_BEFORE: { code: 'RANGE', en: 'must be on or before {date}', 'zh-CN': '必须不晚于 {date}', codeOnly: true },
  RULE: { en: 'breaks the rule “{rule}”', 'zh-CN': '违反规则“{rule}”', codeOnly: true },
  TOO_SHORT: { en: 'must be at least {n} characters', 'zh-CN': '至少需要 {n} 个字符', also: ['must NOT have fewer than {n} characters'] },
  TOO_LONG: { en: 'must be at most {n} characters', 'zh-CN': '最多 {n} 个字符', also: ['at most {n} characters', 'must NOT have more than {n} characters'] },
  MIN_LENGTH: { en: 'must be at least {n} characters', 'zh-CN': '至少需要 {n} 个字符', also: ['must NOT have fewer than {n} characters'] },
  MAX_LENGTH: { en: 'must be at most {n} characters', 'zh-CN': '最多 {n} 个字符', also: ['must NOT have more than {n} characters'] },
  TOO_WEAK: { en: 'must mix at least two of: lower case, upper case, digits, symbols', 'zh-CN': '必须包含以下至少两种：小写字母、大写字母、数字、符号' },
  CONTAINS_EMAIL_NAME: { code: 'TOO_WEAK', en: 'must not contain the e-mail name', 'zh-CN': '不能包含邮箱用户名' },
  TYPE: { en: 'must be {type}', 'zh-CN': '必须为 {type}', codeOnly: true },
  MINIMUM: { en: 'must be {op} {limit}', 'zh-CN': '必须 {op} {limit}', codeOnly: true },
  MAXIMUM: { en: 'must be {op} {limit}', 'zh-CN': '必须 {op} {limit}', codeOnly: true },
  EXCLUSIVE_MINIMUM: { en: 'must be {op} {limit}', 'zh-CN': '必须 {op} {limit}', codeOnly: true },
  EXCLUSIVE_MAXIMUM: { en: 'must be {op} {limit}', 'zh-CN': '必须 {op} {limit}', codeOnly: true },
  FORMAT: { en: 'must be a valid {format}', 'zh-CN': '必须是有效的 {format}', also: ['must match format "{format}"'] },
  USER_ID: { code: 'FORMAT', en: 'must be a user id (uuid)', 'zh-CN': '必须是用户 ID（uuid）', also: ['must be a user id'] },
  MULTIPLE_OF: { en: 'must be a multiple of {n}', 'zh-CN': '必须是 {n} 的倍数', also: ['must be multiple of {n}'] },
  EMAIL: { en: 'must be an e-mail address', 'zh-CN': '必须是邮箱地址' },
  BOOLEAN: { en: 'must be true or false', 'zh-CN': '必须为是或否', also: ['must be a boolean'] },
  WHOLE_NUMBER: { en: 'must be a whole number', 'zh-CN': '必须是整数' },
  WHOLE_NUMBER_RANGE: { en: 'must be a whole number from {min} to {max}', 'zh-CN': '必须是 {min} 到 {max} 之间的整数' },
  AT_LEAST_ONE: { en: 'must be 1 or more', 'zh-CN': '必须大于或等于 1' },
  OBJECT: { en: 'must be an object', 'zh-CN': '必须是对象', also: ['expected an object'] },
  INVALID: { en: 'is not valid', 'zh-CN': '无效' },
  EMPTY: { en: 'is empty', 'zh-CN': '为空' },
  INVALID_JSON: { en: 'is not valid JSON', 'zh-CN': '不是有效的 JSON' },
  FILTER_JSON: { en: 'must be a filter rule in JSON', 'zh-CN': '必须是 JSON 格式的筛选规则', also: ['must be a json-logic rule in JSON'] },
  INVALID_FILTER: { en: 'is not a valid filter: {reason}', 'zh-CN': '不是有效的筛选条件：{reason}', codeOnly: true },
  INVALID_COPY: { en: 'cannot be copied this way: {reason}', 'zh-CN': '无法按此方式复制：{reason}', codeOnly: true },
  FILE_NAME: { en: 'is not a valid file name', 'zh-CN': '不是有效的文件名' },
  FILE_NOT_AVAILABLE: { en: 'names a file that is not yours to attach: upload it again', 'zh-CN': '包含不能由您添加的文件，请重新上传' },
  FILE_REFERENCE: { en: 'must name uploaded files', 'zh-CN': '必须是已上传的文件', also: ['must name stored files by their id'] },
  FILE_REPEATED: { en: 'names one file twice', 'zh-CN': '重复包含同一个文件' },
  TOO_MANY_FILES: { en: 'holds too many files', 'zh-CN': '文件数量过多' },
  TOO_MANY_ITEMS: { en: 'has more items than one batch may hold', 'zh-CN': '项目数超过一个批次的上限' },
  NOT_A_KEY: { en: 'must be id or a unique field', 'zh-CN': '必须是 id 或唯一字段' },
  IDEMPOTENCY_KEY_REUSED: { en: 'was used for a different request', 'zh-CN': '已用于另一个请求' },
  FILE_TOO_LARGE: { en: 'holds a file larger than {size} MB', 'zh-CN': '包含大于 {size} MB 的文件' },
  BODY_TOO_LARGE: { code: 'FILE_TOO_LARGE', en: 'is too large', 'zh-CN': '过大' },
  FILE_TYPE_NOT_ALLOWED: { en: 'holds a file of a type it does not take', 'zh-CN': '包含此字段不接受的文件类型' },
  VERSION: { en: 'is not a version number', 'zh-CN': '不是版本号', also: ['not a version', 'not a version number'] },
  TOO_LONG_TO_INDEX: { en: 'is too long to be indexed for search', 'zh-CN': '过长，无法建立搜索索引' },
  SEARCH_NOT_ALLOWED: { en: 'is not available to you', 'zh-CN': '对您不可用', also: ['not available to you'] },
  TOO_MANY: { en: 'at most {n} sort keys', 'zh-CN': '最多 {n} 个排序键' },
  INVALID_SORT: { en: '"{value}" is not a field name (use name or -name)', 'zh-CN': '"{value}" 不是字段名（请用 name 或 -name）' },
  NOT_SORTABLE: { en: 'cannot sort by "{path}"', 'zh-CN': '不能按 "{path}" 排序' },
  UNKNOWN_GROUP: { en: 'not a group', 'zh-CN': '不是分组' },
  UNKNOWN_COLUMN: { en: 'is not a field of {entity}', 'zh-CN': '不是 {entity} 的字段', codeOnly: true },
  DUPLICATE_COLUMN: { en: 'sets the same field as the column {column}', 'zh-CN': '与列 {column} 设置的是同一个字段' },
  INVALID_KEY: { en: '{key} is not a unique field of {entity}', 'zh-CN': '{key} 不是 {entity} 的唯一字段', codeOnly: true },
  INVALID_KEY_COLUMN: { code: 'INVALID_KEY', en: 'the file has no column {key} to match records by', 'zh-CN': '文件中没有用于匹配记录的列 {key}' },
  EMPTY_FILE: { en: 'no header row', 'zh-CN': '没有标题行' },
  INVALID_XLSX: { en: 'is not a readable .xlsx workbook', 'zh-CN': '不是可读取的 .xlsx 工作簿' },
  UNSUPPORTED_XLS: { en: 'Old Excel workbooks (.xls) cannot be read: save the file as .xlsx or CSV', 'zh-CN': '无法读取旧版 Excel 工作簿（.xls），请另存为 .xlsx 或 CSV' },
  UNKNOWN_PROPERTY: { en: 'unknown property', 'zh-CN': '不是可识别的属性' },
  NON_EMPTY_LIST: { en: 'must be a non-empty list', 'zh-CN': '必须是非空列表' },
  JSON_OBJECT: { en: 'must be a JSON object', 'zh-CN': '必须是 JSON 对象' },
  UUID: { code: 'FORMAT', en: 'must be a uuid', 'zh-CN': '必须是 uuid' },
  LOCALE: { en: 'must be en or zh-CN', 'zh-CN': '必须是 en 或 zh-CN' },
  ROLE_NAMES: { en: 'must be a list of role names', 'zh-CN': '必须是角色名称的列表' },
  TEAM_NAME: { en: 'must be a team name', 'zh-CN': '必须是团队名称' },
  BATCH_OP: { en: 'must be create, update or delete', 'zh-CN': '必须是 create、update 或 delete' },
  BATCH_ID: { code: 'REQUIRED', en: 'is required for update and delete', 'zh-CN': '在 update 和 delete 时为必填项' },
  ENGINE_ID: { code: 'READ_ONLY', en: 'is made by the engine; leave it out of a create', 'zh-CN': '由系统生成，新建时请勿填写' },
  FIELD_VALUES: { code: 'OBJECT', en: 'must be an object of field values', 'zh-CN': '必须是由字段值组成的对象' },
  WEBHOOK_URL_HTTP: { en: 'must be an http or https URL', 'zh-CN': '必须是 http 或 https 地址' },
  WEBHOOK_URL_CREDENTIALS: { en: 'must not hold a user name or password', 'zh-CN': '不能包含用户名或密码' },
  WEBHOOK_HOST_UNKNOWN: { en: 'names a host that cannot be found ({host})', 'zh-CN': '包含无法找到的主机（{host}）' },
  WEBHOOK_URL_PRIVATE: { en: '{host} resolves to {address}, a private, loopback or link-local address (allow it with CRM_WEBHOOK_ALLOW)', 'zh-CN': '{host} 解析为 {address}，这是私有、回环或链路本地地址（可通过 CRM_WEBHOOK_ALLOW 允许）' },
  UNKNOWN_ENTITY: { en: '{name} is not an entity', 'zh-CN': '{name} 不是实体' },
  PICK_AT_LEAST_ONE: { en: 'must name at least one', 'zh-CN': '至少选择一项' },
  REFERENCE_MISMATCH: { en: 'does not belong to the record it depends on', 'zh-CN': '不属于其所依赖的记录' },
  SECRET_NAME: { en: 'must start with a letter and hold letters, digits and _ (at most 64)', 'zh-CN': '必须以字母开头，只能包含字母、数字和 _（最多 64 个字符）' },
  SECRET_VALUE: { code: 'REQUIRED', en: 'is required (text of at most {n} characters)', 'zh-CN': '为必填项（最多 {n} 个字符的文本）' },
} as const satisfies Record<string, FieldProblemEntry>;

export type FieldProblemKey = keyof typeof FIELD_PROBLEMS;

export type TextParams = Readonly<Record<string, unknown>>;

/** A template with its `{placeholders}` filled; a placeholder without a value stays as it is. */
export const fillText = (template: string, params: TextParams = {}): string =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined || params[name] === null ? whole : String(params[name])));

/** The placeholder names of a template, in order, without repeats. */
export const placeholdersOf = (template: string): string[] => [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]))];

/** Quotes as typed (straight) and as printed (curly) read the same when texts are compared. */
const plainQuotes = (s: string): string => s.replace(/[“”]/g, '"').replace(/[‘’]/g, "'");

/**
 * Reads a filled template back: the values of its placeholders in `text`, or undefined when
 * `text` is not that template filled. Quotes compare as plain quotes; a trailing full stop is
 * optional, so a server's phrase reads the same with or without one.
 */
export const readText = (template: string, text: string): Record<string, string> | undefined => {
  const names: string[] = [];
  const body = plainQuotes(template)
    .replace(/\.$/, '')
    .split(/(\{\w+\})/)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      if (!name) return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (names.includes(name)) return `\\k<${name}>`;
      names.push(name);
      return `(?<${name}>.+?)`;
    })
    .join('');
  const m = new RegExp(`^${body}\\.?$`, 's').exec(plainQuotes(text));
  return m ? { ...m.groups } : undefined;
};

/** The wire code of a registry entry: its own key unless it is a case of another code. */
export const wireCode = (key: string, entry: ProblemText & { readonly code?: string }): string => entry.code ?? key;
