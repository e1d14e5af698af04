import { allSections, type FormDesign } from './form-design.js';

/** A problem of a design, as an i18n key under `designer.problems` with its parameters. */
export interface DesignProblem {
  key: 'labelMissing' | 'tabLabelMissing' | 'emptyTab' | 'relatedMissing';
  params: Record<string, string>;
}

const blank = (s: string | undefined) => !s || !s.trim();

/** What must be fixed before a design can be saved: labels in both languages, tabs with sections, complete related lists. */
export const designProblems = (design: FormDesign): DesignProblem[] => {
  const problems: DesignProblem[] = [];
  for (const { section } of allSections(design)) {
    if (!section.label || blank(section.label.en) || blank(section.label['zh-CN'])) problems.push({ key: 'labelMissing', params: { name: section.name } });
    if (section.relatedList && (blank(section.relatedList.entity) || blank(section.relatedList.field))) problems.push({ key: 'relatedMissing', params: { name: section.name } });
  }
  for (const tab of design.tabs) {
    if (blank(tab.label?.en) || blank(tab.label?.['zh-CN'])) problems.push({ key: 'tabLabelMissing', params: { name: tab.name } });
    if (!tab.sections.length) problems.push({ key: 'emptyTab', params: { name: tab.name } });
  }
  return problems;
};
