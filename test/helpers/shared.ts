/**
 * The project's shared folder (the format spec and real published reports) sits beside the
 * repository on our machines and in CI; a clone elsewhere uses the copy in test/fixtures/shared.
 * NIANBAO_SHARED points somewhere else.
 */
import * as fs from 'fs';
import * as path from 'path';

const BESIDE = path.resolve(__dirname, '../../../shared');
const COPY = path.resolve(__dirname, '../fixtures/shared');

export const SHARED = process.env.NIANBAO_SHARED ?? (fs.existsSync(path.join(BESIDE, 'spec/report-format.md')) ? BESIDE : COPY);
export const FIXTURES = path.join(SHARED, 'fixtures/reports');
/** Real published PDFs, each with its expected cells (NN.expected.json) and notes. */
export const PDF_FIXTURES = path.join(SHARED, 'fixtures/pdf');
