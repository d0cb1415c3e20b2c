import { ConfigError } from '@ta/platform';
import { caseProcessesHost } from './case-processes';

describe('PROCESS_MANAGERS: which process runs the case process managers and offer expiry', () => {
  it('is the API unless the projector is named', () => {
    expect(caseProcessesHost({})).toBe('api');
    expect(caseProcessesHost({ PROCESS_MANAGERS: '' })).toBe('api');
    expect(caseProcessesHost({ PROCESS_MANAGERS: 'api' })).toBe('api');
    expect(caseProcessesHost({ PROCESS_MANAGERS: ' Projector ' })).toBe('projector');
  });

  it('refuses any other value, naming the setting', () => {
    expect(() => caseProcessesHost({ PROCESS_MANAGERS: 'worker' })).toThrow(ConfigError);
    expect(() => caseProcessesHost({ PROCESS_MANAGERS: 'external' })).toThrow('PROCESS_MANAGERS must be "api" or "projector", got "external"');
  });
});
