import { defineMessages } from './define.js';

/** Strings of the studio's editor kit (studio/src/editor-kit), shared by the designers, the entity editors and the workflow builder. */
export default defineMessages({
  en: {
    editorKit: {
      unsaved: {
        title: 'Unsaved changes',
        message: 'You have unsaved changes. Leave without saving?',
        leave: 'Leave',
        stay: 'Stay',
      },
      condition: {
        none: 'Always',
        only: 'Only when',
        and: 'and',
        or: 'or',
        edit: 'Edit condition',
        remove: 'Remove condition',
        title: 'Condition',
        set: 'Condition set',
        hint: 'Build the condition and press Apply.',
        noEntity: 'Choose the workflow’s entity to build conditions from its fields; until then, write json-logic.',
        custom: 'This condition is more than the builder can show; edit it as json-logic.',
        builder: 'Builder',
        json: 'JSON',
      },
      invalidJson: 'Not valid JSON: {message}',
    },
  },
  'zh-CN': {
    editorKit: {
      unsaved: {
        title: '有未保存的修改',
        message: '有未保存的修改。不保存就离开吗？',
        leave: '离开',
        stay: '留下',
      },
      condition: {
        none: '始终',
        only: '仅在满足条件时',
        and: '且',
        or: '或',
        edit: '编辑条件',
        remove: '删除条件',
        title: '条件',
        set: '已设置条件',
        hint: '设置条件后点击应用。',
        noEntity: '先选择工作流的实体，才能按其字段构建条件；在此之前请直接编写 json-logic。',
        custom: '此条件超出构建器的表达范围，请以 json-logic 编辑。',
        builder: '构建器',
        json: 'JSON',
      },
      invalidJson: '不是有效的 JSON：{message}',
    },
  },
});
