import { render } from 'preact';
import { App } from './app';
import { initLanguage } from './lib/i18n';
import { startLive } from './lib/live';
import './styles.css';

void initLanguage().finally(() => {
  startLive();
  render(<App />, document.getElementById('root')!);
});
