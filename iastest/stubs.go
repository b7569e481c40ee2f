package iastest

func (s *Server) seedDemo() {}
