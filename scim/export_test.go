package scim

// SetMemberChunk lets tests split member changes into small requests.
func SetMemberChunk(s *GroupService, n int) { s.chunk = n }
