import { describe, expect, it } from 'vitest';
import { keepStoredSecrets, maskWorkflowSecrets, MASKED_SECRET } from './workflow-secrets.js';

const stored = {
  kind: 'workflow', name: 'push',
  steps: [{ id: 'call', type: 'webhook', url: 'https://erp:pa55@erp.example/in?x={{id}}', headers: { Authorization: 'Bearer t0ken', 'X-Trace': 'on' } }],
};

describe('workflow secrets', () => {
  it('masks credential headers and URL passwords, nothing else', () => {
    const masked = maskWorkflowSecrets(stored);
    expect(masked.steps[0]).toEqual({ id: 'call', type: 'webhook', url: `https://erp:${MASKED_SECRET}@erp.example/in?x={{id}}`, headers: { Authorization: MASKED_SECRET, 'X-Trace': 'on' } });
    expect(stored.steps[0].headers.Authorization).toBe('Bearer t0ken');
  });

  it('keeps the stored secret where the mask comes back, from the own document before the effective one', () => {
    const own = { ...stored, steps: [{ ...stored.steps[0], headers: { authorization: 'Bearer newer' } }] };
    const saved = keepStoredSecrets({ ...maskWorkflowSecrets(stored), label: { en: 'x' } }, [own, stored]) as typeof stored;
    expect(saved.steps[0].headers).toEqual({ Authorization: 'Bearer newer', 'X-Trace': 'on' });
    expect(saved.steps[0].url).toBe('https://erp:pa55@erp.example/in?x={{id}}');
    const typed = keepStoredSecrets({ ...stored, steps: [{ ...stored.steps[0], headers: { Authorization: 'Bearer typed' } }] }, [stored]) as typeof stored;
    expect(typed.steps[0].headers.Authorization).toBe('Bearer typed');
  });

  it('refuses a mask with nothing stored behind it', () => {
    expect(() => keepStoredSecrets({ ...maskWorkflowSecrets(stored), steps: [{ ...maskWorkflowSecrets(stored).steps[0], id: 'new' }] }, [undefined, stored])).toThrow(
      expect.objectContaining({ status: 400, details: { errors: [{ field: '/steps/0/headers/Authorization', message: expect.any(String) }, { field: '/steps/0/url', message: expect.any(String) }] } }),
    );
  });
});
