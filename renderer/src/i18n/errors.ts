/**
 * Refusals from the core, by their contract error code (main/contract/result.ts). The core's
 * own message is English and says exactly what went wrong; these say in the reader's language
 * what kind of refusal it was (renderer/src/api/refusal.ts puts the two together).
 */
export const en = {
  'error.bad-request': 'SMSDesk could not do that.',
  'error.unknown-call': 'This version of SMSDesk does not know that request.',
  'error.forbidden': 'This window is not allowed to do that.',
  'error.not-found': 'That is no longer in the archive.',
  'error.unavailable': 'SMSDesk cannot do that now (it has no archive, or it is shutting down).',
  'error.internal': 'Something went wrong inside SMSDesk; its log has the details.',
  'error.withDetail': '{text} ({detail})',
};

export const zh: Record<keyof typeof en, string> = {
  'error.bad-request': 'SMSDesk 无法完成此操作。',
  'error.unknown-call': '此版本的 SMSDesk 不认识该请求。',
  'error.forbidden': '此窗口无权执行该操作。',
  'error.not-found': '该项已不在存档中。',
  'error.unavailable': 'SMSDesk 现在无法执行（没有存档，或正在关闭）。',
  'error.internal': 'SMSDesk 内部出错；详情见日志。',
  'error.withDetail': '{text}（{detail}）',
};
