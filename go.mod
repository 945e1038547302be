module github.com/chatclose/chatclose

go 1.25.0

require github.com/stretchr/testify v1.12.1

require (
	github.com/google/uuid v1.6.0 // indirect
	github.com/hack-pad/safejs v0.1.1 // indirect
	go.yaml.in/yaml/v3 v3.0.5 // indirect
)
