/** Strings of the sign-in page (namespace "signIn"). */
export const signInLocale = {
  zh: {
    heading: '登录考勤同步控制台',
    tokenLabel: 'API 令牌',
    tokenHelp: '网关的 GATEWAY_API_TOKEN，只保存在本浏览器标签页中，关闭即失效。',
    tokenRequired: '请输入 API 令牌',
    submit: '登录',
    rejected: '令牌不正确，网关拒绝了它。',
    unreachable: '无法连接网关：{{message}}',
  },
  en: {
    heading: 'Sign in to the attendance sync console',
    tokenLabel: 'API token',
    tokenHelp: "The gateway's GATEWAY_API_TOKEN. Kept in this browser tab only; closing the tab forgets it.",
    tokenRequired: 'Enter the API token',
    submit: 'Sign in',
    rejected: 'The gateway refused this token.',
    unreachable: 'Cannot reach the gateway: {{message}}',
  },
} as const;
