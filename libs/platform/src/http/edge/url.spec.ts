import { inspectUrl } from './url';

describe('inspecting a request target before routing', () => {
  it.each([['/requests'], ['/requests/0b7f9e2a-1c3d-4e5f-8a9b-0c1d2e3f4a5b/triage'], ['/coordination/donors/donor%20giz'], ['/requests?country=KE&limit=10'], ['/requests?q=a+b&x'], ['/x?%C3%A9=%E2%82%AC'], ['/x/%2F']])(
    '%s passes',
    (url) => {
      expect(inspectUrl(url)).toBeUndefined();
    },
  );

  it.each([
    ['/requests/%FF', 'request.malformed_url', '/path'],
    ['/requests/%E0%A4%A', 'request.malformed_url', '/path'],
    ['/requests/%C0%80', 'request.malformed_url', '/path'],
    ['/requests/%ED%A0%80', 'request.malformed_url', '/path'],
    ['/requests/%', 'request.malformed_url', '/path'],
    ['/requests/%00', 'request.unstorable_text', '/path'],
    ['/requests?country=%00', 'request.unstorable_text', '/query/country'],
    ['/requests?%00=1', 'request.unstorable_text', '/query/\ufffd'],
    ['/requests?asOf=%FF', 'request.malformed_url', '/query/asOf'],
    ['/requests?%FF=1', 'request.malformed_url', '/query/?'],
  ])('%s is %s at %s', (url, code, path) => {
    expect(inspectUrl(url)).toMatchObject({ code, details: [{ path }] });
  });
});
