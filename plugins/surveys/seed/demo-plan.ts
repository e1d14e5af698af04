/** The two demo surveys: after an archived case (satisfaction) and after a completed order (recommendation). */
export const SURVEYS = [
  {
    name: '服务满意度回访 After-service satisfaction',
    trigger: 'case_archived',
    intro: 'Your service request is closed. Two minutes of your time help us serve you better.',
    intro_zh: '您的服务请求已处理完毕，耽误您两分钟时间，帮助我们把服务做得更好。',
    questions: [
      { kind: 'rating', label_en: 'How satisfied are you with how we handled your request?', label_zh: '您对本次服务处理的满意程度如何？', required: true },
      { kind: 'rating', label_en: 'How satisfied are you with the speed of our response?', label_zh: '您对我们的响应速度满意吗？', required: true },
      { kind: 'choice', label_en: 'Was your problem solved?', label_zh: '您的问题是否已解决？', required: true, options: 'yes|Yes, completely|已完全解决\npartly|Partly|部分解决\nno|No|未解决' },
      { kind: 'text', label_en: 'Anything we could do better?', label_zh: '您还有什么意见或建议？', required: false },
    ],
  },
  {
    name: '订单推荐度调查 After-order NPS',
    trigger: 'order_completed',
    intro: 'Thank you for your order. How likely are you to recommend us?',
    intro_zh: '感谢您的订购！您有多大可能向朋友或同事推荐我们？',
    questions: [
      { kind: 'nps', label_en: 'How likely are you to recommend us to a friend or colleague (0–10)?', label_zh: '您向朋友或同事推荐我们的可能性有多大（0–10）？', required: true },
      { kind: 'rating', label_en: 'How satisfied are you with delivery?', label_zh: '您对交付与物流满意吗？', required: false },
      { kind: 'choice', label_en: 'What matters most to you?', label_zh: '您最看重哪一点？', required: false, options: 'quality|Product quality|产品质量\nprice|Price|价格\nservice|Service|服务\ndelivery|Delivery time|交货期' },
      { kind: 'text', label_en: 'What is the main reason for your score?', label_zh: '您给出这个分数的主要原因是？', required: false },
    ],
  },
] as const;

export const COMMENTS = ['工程师很专业，响应及时。', '希望能更早通知上门时间。', 'Great support, thank you.', '处理速度还可以再快一些。', '', '', '产品质量稳定，继续合作。', 'Delivery was a bit late.'];
