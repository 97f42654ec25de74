'use strict';
// The sign-in page: Vietnamese by default, English with the switch; the console opens in the language chosen here.

const TEXTS = {
  vi: {
    page: 'Đăng nhập · Sổ cái đầu tư', title: 'Sổ cái đầu tư KKT, KCN, CCN', signIn: 'Đăng nhập',
    username: 'Tên đăng nhập', password: 'Mật khẩu', signInButton: 'Đăng nhập',
    failed: 'Sai tên đăng nhập hoặc mật khẩu', signedOut: 'Bạn đã đăng xuất',
    busy: 'Đang có quá nhiều lượt đăng nhập, xin thử lại sau giây lát',
    wait: 'Tên đăng nhập này vừa bị nhập sai mật khẩu nhiều lần: xin đợi vài phút rồi thử lại', language: 'English'
  },
  en: {
    page: 'Sign in · Investment ledger', title: 'Investment ledger of economic zones, industrial zones and clusters',
    signIn: 'Sign in', username: 'Username', password: 'Password', signInButton: 'Sign in',
    failed: 'Wrong username or password', signedOut: 'You have signed out',
    busy: 'Too many sign-ins at once: try again in a moment',
    wait: 'This name has had too many wrong passwords lately: wait a few minutes, then try again',
    language: 'Tiếng Việt'
  }
};

// the same key as the console's
const LANGUAGE = 'investledger.language';

function language() { return localStorage.getItem(LANGUAGE) === 'en' ? 'en' : 'vi'; }

function applyTexts() {
  const texts = TEXTS[language()];
  document.documentElement.lang = language();
  document.title = texts.page;
  document.querySelectorAll('[data-text]').forEach((element) => { element.textContent = texts[element.dataset.text]; });
  document.getElementById('language').textContent = texts.language;
}

document.getElementById('language').addEventListener('click', () => {
  localStorage.setItem(LANGUAGE, language() === 'vi' ? 'en' : 'vi');
  applyTexts();
});

applyTexts();
