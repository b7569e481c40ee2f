package main

import (
	"errors"
	"log/slog"
	"net/url"

	"github.com/redis/go-redis/v9"
	"github.com/spf13/cobra"

	"github.com/go-ias/ias"
	"github.com/go-ias/ias/iasredis"
)

// sharedBudget is --redis-url (or IAS_REDIS_URL): the tenant's SCIM budget
// and 429 cool-down shared through Redis with every other ias run and SDK
// process that uses the same Redis (package iasredis).
type sharedBudget struct {
	url  string
	done bool
	rdb  *redis.Client
}

const redisHelp = "share the tenant's SCIM request budget with other processes through Redis, " +
	"such as redis://localhost:6379/0 (or IAS_REDIS_URL)"

// addRedisFlag registers --redis-url on the root command.
func (a *app) addRedisFlag(root *cobra.Command) {
	root.PersistentFlags().StringVar(&a.redis.url, "redis-url", "", redisHelp)
}

// shareBudget gives the connection's clients the Redis pacer when a Redis
// URL is configured. Its password, if any, is redacted from stderr.
func (a *app) shareBudget(c *connection) error {
	if a.redis.done {
		return nil
	}
	a.redis.done = true
	raw := firstNonEmpty(a.redis.url, a.env("IAS_REDIS_URL"))
	if raw == "" {
		return nil
	}
	if u, err := url.Parse(raw); err == nil && u.User != nil {
		p, _ := u.User.Password()
		a.errOut.add(p)
	}
	opt, err := redis.ParseURL(raw)
	if err != nil {
		// url.Error quotes the whole URL, password included.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return usagef("--redis-url: %v", err)
	}
	tenant, err := url.Parse(c.tenant)
	if err != nil {
		return usagef("tenant URL: %v", err)
	}
	a.redis.rdb = redis.NewClient(opt)
	logger := slog.New(slog.NewTextHandler(a.errOut, &slog.HandlerOptions{Level: slog.LevelWarn}))
	c.pacing = append(c.pacing, ias.WithPacer(iasredis.New(a.redis.rdb, tenant.Host, iasredis.Options{Logger: logger})))
	return nil
}

// closeRedis closes the Redis connections, if any.
func (a *app) closeRedis() {
	if a.redis.rdb != nil {
		_ = a.redis.rdb.Close()
	}
}
