/** schemas/config.schema.json, kept here so a run needs no file access to check a configuration (a test keeps the two equal). */
export const CONFIG_SCHEMA = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://xxgk-lint.dev/schemas/config.schema.json",
  "title": "xxgk-lint configuration (xxgk-lint.config.json)",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "$schema": {
      "type": "string"
    },
    "rules": {
      "description": "Severity by rule id: error, warning, info, or off.",
      "type": "object",
      "propertyNames": {
        "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
      },
      "additionalProperties": {
        "enum": [
          "error",
          "warning",
          "info",
          "off"
        ]
      }
    },
    "failOn": {
      "description": "The lowest severity that makes the run exit 1.",
      "enum": [
        "error",
        "warning",
        "info"
      ]
    },
    "strict": {
      "description": "Treat blank cells as missing rather than 0.",
      "type": "boolean"
    },
    "locale": {
      "description": "Language of messages.",
      "enum": [
        "zh-CN",
        "en"
      ]
    },
    "exceptions": {
      "description": "Findings that are known and accepted: each needs a reason; an unused or expired exception is reported.",
      "type": "array",
      "items": {
        "type": "object",
        "required": [
          "rule",
          "reason"
        ],
        "additionalProperties": false,
        "properties": {
          "rule": {
            "type": "string",
            "pattern": "^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
          },
          "files": {
            "description": "Glob patterns (* ** ?) relative to the configuration file's folder; all files when absent.",
            "type": "array",
            "minItems": 1,
            "items": {
              "type": "string",
              "minLength": 1
            }
          },
          "table": {
            "enum": [
              "active",
              "applications",
              "reviewLitigation"
            ]
          },
          "row": {
            "type": "string",
            "pattern": "^[a-z][A-Za-z]*$"
          },
          "column": {
            "type": "string",
            "pattern": "^[a-z][A-Za-z]*$"
          },
          "reason": {
            "type": "string",
            "minLength": 1,
            "pattern": "\\S"
          },
          "expires": {
            "description": "The last day the exception applies (YYYY-MM-DD).",
            "type": "string",
            "pattern": "^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$"
          }
        }
      }
    }
  }
} as const;
