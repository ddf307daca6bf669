/*
** richcheck_dqlite.c - a dqlite node whose SQLite connections all have
** richcheck: the same checks and codes on a replicated cluster.
**
**     make dqlite
**     build/richcheck-dqlite ID ADDRESS DIR            # richcheck linked in
**     build/richcheck-dqlite --load PATH ID ADDRESS DIR  # dlopen richcheck.so
**
**     build/richcheck-dqlite 1 127.0.0.1:9001 /var/lib/rc/1
**
** dqlite runs its SQLite connections inside this process, on the system's
** libsqlite3, so one sqlite3_auto_extension() made before the node starts
** reaches every connection the node opens, on the leader and on followers.
** The node stops cleanly on SIGTERM or SIGINT.  It prints one line,
** "richcheck-dqlite: node ID ready at ADDRESS", once it serves.
*/
#include <dlfcn.h>
#include <dqlite.h>
#include <errno.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "richcheck.h"

typedef int (*RcInitFunc)(sqlite3 *, char **, const sqlite3_api_routines *);

static int usage(const char *zArgv0) {
  fprintf(stderr,
          "usage: %s [--load PATH/TO/richcheck.so] ID ADDRESS DIR\n"
          "  ID       the node's id in the cluster (1, 2, ...)\n"
          "  ADDRESS  host:port to serve on, e.g. 127.0.0.1:9001\n"
          "  DIR      the node's data folder (made if missing)\n",
          zArgv0);
  return 2;
}

/* richcheck's entry point: linked in, or from the shared library zPath. */
static RcInitFunc rcEntryPoint(const char *zPath) {
  void *pLib;
  RcInitFunc xInit;
  if (zPath == 0) return sqlite3_richcheck_init;
  pLib = dlopen(zPath, RTLD_NOW | RTLD_GLOBAL);
  if (pLib == 0) {
    fprintf(stderr, "richcheck-dqlite: cannot load %s: %s\n", zPath, dlerror());
    return 0;
  }
  *(void **)(&xInit) = dlsym(pLib, "sqlite3_richcheck_init");
  if (xInit == 0) {
    fprintf(stderr, "richcheck-dqlite: %s has no sqlite3_richcheck_init\n",
            zPath);
  }
  return xInit;
}

int main(int argc, char **argv) {
  const char *zLoad = 0, *zAddress, *zDir;
  dqlite_node *pNode = 0;
  dqlite_node_id id;
  RcInitFunc xInit;
  sigset_t signals;
  char *zEnd;
  int i = 1, rc, iSignal;

  if (argc == 6 && strcmp(argv[1], "--load") == 0) {
    zLoad = argv[2];
    i = 3;
  }
  if (argc - i != 3) return usage(argv[0]);
  if (argv[i][0] < '1' || argv[i][0] > '9') return usage(argv[0]);
  id = strtoull(argv[i], &zEnd, 10);
  if (*zEnd || id == 0) return usage(argv[0]);
  zAddress = argv[i + 1];
  zDir = argv[i + 2];
  if (mkdir(zDir, 0755) != 0 && errno != EEXIST) {
    fprintf(stderr, "richcheck-dqlite: cannot make %s: %s\n", zDir,
            strerror(errno));
    return 1;
  }

  xInit = rcEntryPoint(zLoad);
  if (xInit == 0) return 1;
  rc = sqlite3_auto_extension((void (*)(void))xInit);
  if (rc != SQLITE_OK) {
    fprintf(stderr, "richcheck-dqlite: sqlite3_auto_extension: %s\n",
            sqlite3_errstr(rc));
    return 1;
  }

  /* A peer that dies mid-write (kill -9 of the leader) must not kill this
  ** node: without this, every follower dies of SIGPIPE with it. */
  signal(SIGPIPE, SIG_IGN);
  /* Block the stop signals before dqlite starts its threads, so that they
  ** reach sigwait() below and nowhere else. */
  sigemptyset(&signals);
  sigaddset(&signals, SIGTERM);
  sigaddset(&signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &signals, 0);

  rc = dqlite_node_create(id, zAddress, zDir, &pNode);
  if (rc == 0) rc = dqlite_node_set_bind_address(pNode, zAddress);
  if (rc == 0) rc = dqlite_node_start(pNode);
  if (rc != 0) {
    fprintf(stderr, "richcheck-dqlite: node %llu at %s: %s (%d)\n",
            (unsigned long long)id, zAddress,
            pNode ? dqlite_node_errmsg(pNode) : "cannot create", rc);
    if (pNode) dqlite_node_destroy(pNode);
    return 1;
  }
  printf("richcheck-dqlite: node %llu ready at %s (richcheck %s, SQLite %s)\n",
         (unsigned long long)id, zAddress, RICHCHECK_VERSION,
         sqlite3_libversion());
  fflush(stdout);

  sigwait(&signals, &iSignal);
  rc = dqlite_node_stop(pNode);
  dqlite_node_destroy(pNode);
  printf("richcheck-dqlite: node %llu stopped (signal %d)\n",
         (unsigned long long)id, iSignal);
  return rc == 0 ? 0 : 1;
}
