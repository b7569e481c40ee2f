package texts

import (
	"context"
	"maps"
)

// Update reads the current override set of rt in locale (empty when there
// is none), lets fn change it in place, and uploads the result as the new
// complete set. When fn returns an error nothing is uploaded and that
// error is returned; when fn changes nothing, nothing is uploaded either.
// The cycle is not atomic: the API offers no ETag, so a
// concurrent writer's change made between the read and the upload is lost.
func (c *Client) Update(ctx context.Context, rt ResourceType, locale string, fn func(Texts) error) error {
	if err := c.check("update", rt, locale); err != nil {
		return err
	}
	t, err := c.Get(ctx, rt, locale)
	if err != nil {
		return err
	}
	before := maps.Clone(t)
	if err := fn(t); err != nil {
		return err
	}
	if maps.Equal(before, t) {
		return nil
	}
	return c.Replace(ctx, rt, locale, t)
}

// Set overrides the given keys of rt in locale with their texts and keeps
// every other override (read, merge, upload).
func (c *Client) Set(ctx context.Context, rt ResourceType, locale string, changes Texts) error {
	if err := checkKeys("set", changes); err != nil {
		return err
	}
	return c.Update(ctx, rt, locale, func(t Texts) error {
		for k, v := range changes {
			t[k] = v
		}
		return nil
	})
}

// Unset removes the overrides of the given keys of rt in locale, so that
// they show SAP's default text again, and keeps every other override.
func (c *Client) Unset(ctx context.Context, rt ResourceType, locale string, keys ...string) error {
	return c.Update(ctx, rt, locale, func(t Texts) error {
		for _, k := range keys {
			delete(t, k)
		}
		return nil
	})
}
