import { render } from 'preact';
import { App } from './app';
import { restoreSession } from './lib/auth';
import { initLanguage } from './lib/i18n';
import { startLive } from './lib/live';
import './styles.css';

void Promise.all([initLanguage(), restoreSession()]).finally(() => {
  startLive();
  render(<App />, document.getElementById('root')!);
});
