import { describe, expect, it } from 'vitest';
import { attachedFiles, attachmentValue, limitsHint, limitsOf, pickProblem } from './attachments.js';

const a = { id: 'f1', name: 'a.pdf', type: 'application/pdf', size: 10 };
const b = { id: 'f2', name: 'b.png', type: 'image/png', size: 20 };

describe('attachment values', () => {
  it('reads one file, a list or nothing, and writes back by the field\'s multiple', () => {
    expect(attachedFiles(null)).toEqual([]);
    expect(attachedFiles(a)).toEqual([a]);
    expect(attachedFiles([a, { junk: true }, b])).toEqual([a, b]);
    expect(attachedFiles('text')).toEqual([]);
    expect(attachmentValue([a, b], true)).toEqual([a, b]);
    expect(attachmentValue([a, b], false)).toEqual(b);
    expect(attachmentValue([], true)).toBeNull();
  });

  it('checks a picked file against the field\'s limits with a message for each problem', () => {
    const limits = limitsOf({ type: 'attachment', multiple: true, maxFiles: 2, maxSizeMb: 1, accept: ['.pdf', 'image/*'] });
    expect(pickProblem(limits, { name: 'ok.pdf', type: 'application/pdf', size: 100 }, 0)).toBeUndefined();
    expect(pickProblem(limits, { name: 'big.pdf', type: 'application/pdf', size: 2 * 1024 * 1024 }, 0)).toEqual({ key: 'files.tooLarge', params: { name: 'big.pdf', size: '1 MB' } });
    expect(pickProblem(limits, { name: 'x.exe', type: 'application/x-msdownload', size: 1 }, 0)).toEqual({ key: 'files.wrongType', params: { name: 'x.exe', types: '.pdf, image/*' } });
    expect(pickProblem(limits, { name: 'ok.pdf', type: 'application/pdf', size: 1 }, 2)).toEqual({ key: 'files.tooMany', params: { count: 2 } });
    expect(pickProblem(limits, { name: 'zero.pdf', type: 'application/pdf', size: 0 }, 0)).toEqual({ key: 'files.empty', params: { name: 'zero.pdf' } });
    expect(limitsHint(limits)).toEqual({ key: 'files.limitsTypes', params: { size: '1 MB', types: '.pdf, image/*' } });
    expect(limitsHint(limitsOf({ type: 'attachment' }))).toEqual({ key: 'files.limits', params: { size: '20 MB' } });
    expect(limitsOf({ type: 'text' })).toEqual({});
  });
});
