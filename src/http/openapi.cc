// The OpenAPI 3.0 document of the API. Kept by hand next to the routes; a test asserts that its
// paths and methods equal ApiServer::routes() exactly.
#include "http/api_server.h"

namespace ktpel {

const std::string& openapi_document() {
  static const std::string doc = R"json({
  "openapi": "3.0.3",
  "info": {"title": "ktpel API", "version": "1.0.0",
           "description": "KTP-el registry: wilayah, NIK/KK, residents and their civil events, population statistics. Errors are {error:{code,message,message_id,field}}."},
  "servers": [{"url": "http://127.0.0.1:8080"}],
  "paths": {
    "/": {"get": {"summary": "Landing page", "responses": {"200": {"description": "HTML"}}}},
    "/healthz": {"get": {"summary": "Liveness and database check", "responses": {"200": {"description": "ok"}}}},
    "/metrics": {"get": {"summary": "Prometheus metrics (text format)", "responses": {"200": {"description": "metrics"}}}},
    "/api/v1/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI 3"}}}},
    "/api/v1/wilayah": {"get": {"summary": "Provinces, or a name search (case and accents ignored)",
      "parameters": [{"name": "q", "in": "query", "schema": {"type": "string"}},
                     {"name": "level", "in": "query", "schema": {"type": "string", "enum": ["provinsi", "kabupaten", "kecamatan", "desa"]}},
                     {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
      "responses": {"200": {"description": "regions", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/RegionList"}}}},
                    "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/wilayah/nearest": {"get": {"summary": "Nearest kecamatan to a point (great-circle)",
      "parameters": [{"name": "lat", "in": "query", "required": true, "schema": {"type": "number"}},
                     {"name": "lon", "in": "query", "required": true, "schema": {"type": "number"}},
                     {"name": "limit", "in": "query", "schema": {"type": "integer"}}],
      "responses": {"200": {"description": "kecamatan with distance_km"}, "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/wilayah/{code}": {"get": {"summary": "A region with its parent chain",
      "parameters": [{"$ref": "#/components/parameters/code"}],
      "responses": {"200": {"description": "region"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/wilayah/{code}/children": {"get": {"summary": "Regions directly below",
      "parameters": [{"$ref": "#/components/parameters/code"}],
      "responses": {"200": {"description": "regions"}, "404": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/nik/{nik}": {"get": {"summary": "Decode a NIK and list its problems",
      "parameters": [{"$ref": "#/components/parameters/nik"}, {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}}],
      "responses": {"200": {"description": "decoded NIK"}}}},
    "/api/v1/nik/check": {"post": {"summary": "Check NIKs against rules and the registry",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["items"],
        "properties": {"items": {"type": "array", "items": {"type": "object", "required": ["nik"],
          "properties": {"nik": {"type": "string"}, "birth_date": {"type": "string", "format": "date"}, "sex": {"type": "string", "enum": ["L", "P"]}}}}}}}}},
      "responses": {"200": {"description": "results"}, "400": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/nik/issue": {"post": {"summary": "Reserve the next free NIK",
      "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["kecamatan", "birth_date", "sex"],
        "properties": {"kecamatan": {"type": "string"}, "birth_date": {"type": "string", "format": "date"}, "sex": {"type": "string", "enum": ["L", "P"]}}}}}},
      "responses": {"201": {"description": "{nik}"}, "409": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/residents": {
      "get": {"summary": "Search residents by name and region (paged)",
        "parameters": [{"name": "name", "in": "query", "description": "start of the name (case and accents ignored)", "schema": {"type": "string"}},
                       {"name": "match", "in": "query", "schema": {"type": "string", "enum": ["prefix", "contains"]}},
                       {"name": "region", "in": "query", "schema": {"type": "string"}},
                       {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1}},
                       {"name": "page_size", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 500}}],
        "responses": {"200": {"description": "page of residents"}, "400": {"$ref": "#/components/responses/Error"}}},
      "post": {"summary": "Register a birth: new resident, NIK issued (and KK when none given)",
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ResidentInput"}}}},
        "responses": {"201": {"description": "the resident", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Resident"}}}},
                      "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/residents/{nik}": {
      "get": {"summary": "A resident with family members", "parameters": [{"$ref": "#/components/parameters/nik"}],
        "responses": {"200": {"description": "resident", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Resident"}}}},
                      "404": {"$ref": "#/components/responses/Error"}}},
      "patch": {"summary": "Data correction (any field but the NIK); optional reason", "parameters": [{"$ref": "#/components/parameters/nik"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "resident"}, "404": {"$ref": "#/components/responses/Error"}, "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/residents/{nik}/events": {
      "get": {"summary": "Change history (who, when, before, after)", "parameters": [{"$ref": "#/components/parameters/nik"}],
        "responses": {"200": {"description": "changes"}, "404": {"$ref": "#/components/responses/Error"}}},
      "post": {"summary": "Record death, move, marital_change or correction", "parameters": [{"$ref": "#/components/parameters/nik"}],
        "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["type"],
          "properties": {"type": {"type": "string", "enum": ["death", "move", "marital_change", "correction"]}, "reason": {"type": "string"}}}}}},
        "responses": {"201": {"description": "resident after the event"}, "404": {"$ref": "#/components/responses/Error"},
                      "422": {"$ref": "#/components/responses/Error"}}}},
    "/api/v1/stats": {"get": {"summary": "Population by sex and age band, and wajib KTP, per region",
      "parameters": [{"name": "level", "in": "query", "schema": {"type": "string", "enum": ["provinsi", "kabupaten", "kecamatan", "desa"]}},
                     {"name": "code", "in": "query", "schema": {"type": "string"}},
                     {"name": "as_of", "in": "query", "schema": {"type": "string", "format": "date"}}],
      "responses": {"200": {"description": "rows and total"}, "400": {"$ref": "#/components/responses/Error"}, "404": {"$ref": "#/components/responses/Error"}}}}
  },
  "components": {
    "parameters": {
      "code": {"name": "code", "in": "path", "required": true, "schema": {"type": "string", "example": "65.71.01"}},
      "nik": {"name": "nik", "in": "path", "required": true, "schema": {"type": "string", "pattern": "^[0-9]{16}$"}}
    },
    "responses": {"Error": {"description": "error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}},
    "schemas": {
      "Error": {"type": "object", "properties": {"error": {"type": "object", "properties": {
        "code": {"type": "string"}, "message": {"type": "string"}, "message_id": {"type": "string"}, "field": {"type": "string"}}}}},
      "RegionList": {"type": "object", "properties": {"items": {"type": "array", "items": {"type": "object"}}}},
      "ResidentInput": {"type": "object", "required": ["name", "sex", "birth_place", "birth_date", "religion", "village_code", "rt", "rw", "address"],
        "properties": {"kk": {"type": "string"}, "relationship": {"type": "string"}, "name": {"type": "string"}, "sex": {"type": "string", "enum": ["L", "P"]},
          "birth_place": {"type": "string"}, "birth_date": {"type": "string", "format": "date"}, "religion": {"type": "string"},
          "mother_name": {"type": "string"}, "father_name": {"type": "string"}, "village_code": {"type": "string"},
          "rt": {"type": "string"}, "rw": {"type": "string"}, "address": {"type": "string"}}},
      "Resident": {"type": "object", "properties": {"nik": {"type": "string"}, "kk": {"type": "string"}, "name": {"type": "string"},
        "sex": {"type": "string"}, "birth_place": {"type": "string"}, "birth_date": {"type": "string"}, "religion": {"type": "string"},
        "marital_status": {"type": "string"}, "occupation": {"type": "string"}, "mother_name": {"type": "string"}, "father_name": {"type": "string"},
        "village_code": {"type": "string"}, "rt": {"type": "string"}, "rw": {"type": "string"}, "address": {"type": "string"},
        "blood_type": {"type": "string"}, "citizenship": {"type": "string"}, "alive": {"type": "boolean"}, "death_date": {"type": "string", "nullable": true},
        "created_at": {"type": "string"}, "updated_at": {"type": "string"}}}
    }
  }
})json";
  return doc;
}

}  // namespace ktpel
