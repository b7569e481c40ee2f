package iastest

import "net/http"

type store struct{}

func (st *store) init()                                                   {}
func (s *Server) seedDemo()                                               {}
func (s *Server) handleSCIM(w http.ResponseWriter, r *http.Request)       { http.NotFound(w, r) }
func (s *Server) handleLegacySCIM(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
func (s *Server) handlePassword(w http.ResponseWriter, r *http.Request)   { http.NotFound(w, r) }
func (s *Server) handleForgotPassword(w http.ResponseWriter, r *http.Request) {
	http.NotFound(w, r)
}
func (s *Server) handleOTP(w http.ResponseWriter, r *http.Request)            { http.NotFound(w, r) }
func (s *Server) handleUsers(w http.ResponseWriter, r *http.Request)          { http.NotFound(w, r) }
func (s *Server) handleInvite(w http.ResponseWriter, r *http.Request)         { http.NotFound(w, r) }
func (s *Server) handleTexts(w http.ResponseWriter, r *http.Request)          { http.NotFound(w, r) }
func (s *Server) handleMasterDataList(w http.ResponseWriter, r *http.Request) { http.NotFound(w, r) }
