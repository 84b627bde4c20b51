/**
 * Item 7: names (申请人) and 申请内容 never leave the machine: not in a finding's message, its
 * params, the analysis as JSON, or anything rendered from it — even when an office writes them in
 * the wrong column.
 */
import { locationOf, renderFinding } from '../../src/core/render';
import { analyseLedger } from '../../src/ledger';
import { app, register } from './helpers';

const NAMES = ['欧阳明轩', '李秀兰', '某某房地产开发有限公司'];
const CONTENTS = ['本人承包地征收补偿标准及安置方案', '欧阳明轩名下宅基地审批档案'];

function leakyRegister() {
  return register([
    app('2025-03-03', '2025-03-10', { applicant: NAMES[0], content: CONTENTS[0] }),
    // A name typed into the applicant type column, content pasted into the result column.
    app('2025-03-03', '2025-03-10', { applicant: NAMES[1], applicantType: NAMES[1], content: CONTENTS[1], result: CONTENTS[1] }),
    // A name written beside a date; a name in the 是/否 column; a company in the type column.
    app(`${NAMES[1]} 3月4日`, '2025-03-10', { applicant: NAMES[1], extended: NAMES[0] }),
    app('2025-03-03', '2025-03-10', { applicant: NAMES[2], applicantType: NAMES[2], consulted: '是', consultStart: NAMES[2] }),
    app('2025-03-03', '2025-03-10', { applicant: '王五', result: '王五' }),
    app('2025-03-03', null, { applicant: NAMES[0], content: CONTENTS[0], result: `${CONTENTS[0].slice(0, 6)}` }),
  ]);
}

describe('personal data in a register', () => {
  const analysis = analyseLedger(leakyRegister(), { year: 2025 });
  const everything = [JSON.stringify(analysis), ...analysis.findings.map(renderFinding), ...analysis.findings.map(locationOf)].join('\n');

  it('the register does give findings for these rows', () => {
    expect(analysis.findings.length).toBeGreaterThanOrEqual(6);
  });

  it.each([...NAMES, '王五', ...CONTENTS, CONTENTS[0].slice(0, 6)])('%s appears nowhere in the findings, their messages or the analysis', (word) => {
    expect(everything).not.toContain(word);
  });

  it('a value that is no one’s name is still quoted, so the office sees what is wrong', () => {
    const a = analyseLedger(register([app('2025-03-03', '2025-03-10', { result: '已电话告知' }), app('2025-13-03', '2025-03-10')]), { year: 2025 });
    expect(a.findings.map(renderFinding).join('\n')).toContain('“已电话告知”');
    expect(a.findings.map(renderFinding).join('\n')).toContain('“2025-13-03”');
  });
});
