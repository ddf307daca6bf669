// rcclient - a small client of a richcheck dqlite cluster, on Debian's
// go-dqlite (built offline: GOPATH=/usr/share/gocode, GO111MODULE=off,
// -tags libsqlite3).  The cluster test drives it; a user can too.
//
//	rcclient join ADDR1 ADDR2 ...        make nodes 2.. voters (node 1 at ADDR1)
//	rcclient leader ADDR...              print the leader's id and address
//	rcclient cluster ADDR...             print each node: id, address, role
//	rcclient exec ADDR... -- SQL...      run each SQL on the leader
//	rcclient rows ID ADDR... -- SQL      hand leadership to node ID, then
//	                                     print the rows of SQL, as node ID has them
//
// exec prints one line per statement: "ok N" (rows changed), "row" (a
// SELECT, which dqlite's exec path stops at its first row), or
// "error CODE MESSAGE" with the extended code dqlite carried.  rows prints
// one line per row, the columns joined by '|', then "end N".
package main

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/canonical/go-dqlite/client"
	"github.com/canonical/go-dqlite/driver"
)

func fail(format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, "rcclient: "+format+"\n", args...)
	os.Exit(1)
}

// split returns the addresses before "--" and the words after it.
func split(args []string) ([]string, []string) {
	for i, a := range args {
		if a == "--" {
			return args[:i], args[i+1:]
		}
	}
	return args, nil
}

func store(addrs []string) client.NodeStore {
	s := client.NewInmemNodeStore()
	infos := make([]client.NodeInfo, len(addrs))
	for i, a := range addrs {
		infos[i] = client.NodeInfo{ID: uint64(i + 1), Address: a}
	}
	s.Set(context.Background(), infos)
	return s
}

func leader(ctx context.Context, addrs []string) *client.Client {
	var cli *client.Client
	var err error
	for try := 0; try < 100; try++ {
		cli, err = client.FindLeader(ctx, store(addrs))
		if err == nil {
			return cli
		}
		time.Sleep(100 * time.Millisecond)
	}
	fail("no leader among %v: %v", addrs, err)
	return nil
}

func open(addrs []string) *sql.DB {
	drv, err := driver.New(store(addrs), driver.WithConnectionTimeout(5*time.Second))
	if err != nil {
		fail("driver: %v", err)
	}
	name := fmt.Sprintf("dqlite-%d", time.Now().UnixNano())
	sql.Register(name, drv)
	db, err := sql.Open(name, "richcheck.db")
	if err != nil {
		fail("open: %v", err)
	}
	db.SetMaxOpenConns(1)
	return db
}

// report prints a statement's outcome: the code dqlite gave, intact.
func report(res sql.Result, err error) {
	var derr driver.Error
	switch {
	case err == nil:
		n, _ := res.RowsAffected()
		fmt.Printf("ok %d\n", n)
	case errors.As(err, &derr) && derr.Code == 100:
		// dqlite's exec path stops a statement at its first row and reports
		// SQLITE_ROW as an error: SELECT richcheck_add_rule(...) has done its
		// work by then.
		fmt.Println("row")
	case errors.As(err, &derr):
		fmt.Printf("error %d %s\n", derr.Code, derr.Message)
	default:
		fmt.Printf("error - %s\n", err)
	}
}

func main() {
	if len(os.Args) < 3 {
		fail("usage: rcclient join|leader|exec|rows ...")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	switch os.Args[1] {
	case "join":
		addrs := os.Args[2:]
		cli := leader(ctx, addrs[:1])
		defer cli.Close()
		for i, a := range addrs[1:] {
			node := client.NodeInfo{ID: uint64(i + 2), Address: a, Role: client.Voter}
			if err := cli.Add(ctx, node); err != nil {
				fail("add node %d at %s: %v", i+2, a, err)
			}
		}
		fmt.Println("joined", len(addrs), "voters")
	case "leader":
		cli := leader(ctx, os.Args[2:])
		defer cli.Close()
		info, err := cli.Leader(ctx)
		if err != nil {
			fail("leader: %v", err)
		}
		fmt.Println(info.ID, info.Address)
	case "cluster":
		cli := leader(ctx, os.Args[2:])
		defer cli.Close()
		nodes, err := cli.Cluster(ctx)
		if err != nil {
			fail("cluster: %v", err)
		}
		for _, n := range nodes {
			fmt.Println(n.ID, n.Address, n.Role)
		}
	case "exec":
		addrs, stmts := split(os.Args[2:])
		leader(ctx, addrs).Close() // wait out an election
		db := open(addrs)
		defer db.Close()
		for _, s := range stmts {
			report(db.ExecContext(ctx, s))
		}
	case "rows":
		id, err := strconv.ParseUint(os.Args[2], 10, 64)
		if err != nil {
			fail("rows: node id %q: %v", os.Args[2], err)
		}
		addrs, stmts := split(os.Args[3:])
		cli := leader(ctx, addrs)
		if info, _ := cli.Leader(ctx); info == nil || info.ID != id {
			if err := cli.Transfer(ctx, id); err != nil {
				fail("transfer leadership to node %d: %v", id, err)
			}
		}
		cli.Close()
		db := open(addrs)
		defer db.Close()
		rows, err := db.QueryContext(ctx, strings.Join(stmts, " "))
		if err != nil {
			fail("query: %v", err)
		}
		cols, _ := rows.Columns()
		n := 0
		for rows.Next() {
			vals := make([]sql.NullString, len(cols))
			ptrs := make([]interface{}, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				fail("scan: %v", err)
			}
			parts := make([]string, len(cols))
			for i, v := range vals {
				parts[i] = v.String
			}
			fmt.Println(strings.Join(parts, "|"))
			n++
		}
		if err := rows.Err(); err != nil {
			fail("rows: %v", err)
		}
		fmt.Println("end", n)
	default:
		fail("unknown command %q", os.Args[1])
	}
}
