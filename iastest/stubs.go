package iastest

import "net/http"

func (s *Server) seedDemo()                                               {}
func (s *Server) handleLegacySCIM(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
