// The frame of every page after login: antd's App, which gives messages and dialogs the
// theme and language (and hands the message API to code outside React), around the header
// and menu of AppLayout. Loaded after the login page, which needs neither (about 30 KB gzipped).
import { App as AntApp } from 'antd';
import { useEffect } from 'react';
import { setMessageApi } from '../lib/notify.ts';
import { AppLayout } from './AppLayout.tsx';

/** Hands antd's message API (which follows the theme and locale) to code outside React. */
function MessageBridge() {
  const { message } = AntApp.useApp();
  useEffect(() => setMessageApi(message), [message]);
  return null;
}

export default function AppFrame() {
  return (
    <AntApp>
      <MessageBridge />
      <AppLayout />
    </AntApp>
  );
}
