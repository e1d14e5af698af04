import { describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES, acceptAttribute, fileProblem, maxBytesOf, maxFilesOf, sizeText } from './attachment-limits.js';

const MB = 1024 * 1024;

describe('attachment field limits', () => {
  it('takes the field\'s size limit, never above the server\'s', () => {
    expect(maxBytesOf({})).toBe(MAX_FILE_BYTES);
    expect(maxBytesOf({ maxSizeMb: 2 })).toBe(2 * MB);
    expect(maxBytesOf({ maxSizeMb: 500 })).toBe(MAX_FILE_BYTES);
    expect(fileProblem({ maxSizeMb: 1 }, { name: 'a.pdf', type: 'application/pdf', size: MB + 1 })).toEqual({ code: 'FILE_TOO_LARGE', maxMb: 1 });
    expect(fileProblem({ maxSizeMb: 1 }, { name: 'a.pdf', type: 'application/pdf', size: MB })).toBeUndefined();
    expect([sizeText(20 * MB), sizeText(1.5 * MB), sizeText(10_240), sizeText(300)]).toEqual(['20 MB', '1.5 MB', '10 KB', '300 B']);
  });

  it('matches extensions, media types and families, ignoring case', () => {
    const limits = { accept: ['.pdf', 'image/*', 'text/csv'] };
    expect(fileProblem(limits, { name: 'Contract.PDF', type: '', size: 1 })).toBeUndefined();
    expect(fileProblem(limits, { name: 'photo', type: 'image/jpeg', size: 1 })).toBeUndefined();
    expect(fileProblem(limits, { name: 'x.csv', type: 'text/csv; charset=utf-8', size: 1 })).toBeUndefined();
    expect(fileProblem(limits, { name: 'run.exe', type: 'application/x-msdownload', size: 1 })).toEqual({ code: 'FILE_TYPE_NOT_ALLOWED', accept: limits.accept });
    expect(acceptAttribute(limits)).toBe('.pdf,image/*,text/csv');
    expect(acceptAttribute({})).toBeUndefined();
  });

  it('holds one file, or up to maxFiles with multiple', () => {
    expect(maxFilesOf({})).toBe(1);
    expect(maxFilesOf({ multiple: true })).toBe(100);
    expect(maxFilesOf({ multiple: true, maxFiles: 5 })).toBe(5);
  });
});
