package iastest

import (
	"net/http"
	"time"
)

type spUser struct{ userID string }

// Mail is a mail the tenant would have sent.
type Mail struct {
	To   string
	Kind string
	Time time.Time
}

// Invitation is a recorded invitation.
type Invitation struct{}

func (s *Server) seedDemo()                                               {}
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
