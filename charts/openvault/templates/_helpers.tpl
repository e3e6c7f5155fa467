{{/* Names and labels, defined once for every object of the chart. */}}

{{- define "openvault.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every object name: the release name, so that the backend Service is <release>-backend. */}}
{{- define "openvault.fullname" -}}
{{- default .Release.Name .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- end }}

{{- define "openvault.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component: include "openvault.selectorLabels" (dict "root" $ "component" "backend") */}}
{{- define "openvault.selectorLabels" -}}
app.kubernetes.io/name: {{ include "openvault.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Standard labels of one component's objects. */}}
{{- define "openvault.labels" -}}
helm.sh/chart: {{ include "openvault.chart" .root }}
{{ include "openvault.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: openvault
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* metadata of a namespaced object: include "openvault.metadata" (dict "root" $ "component" "backend" "name" "backend") */}}
{{- define "openvault.metadata" -}}
name: {{ include "openvault.fullname" .root }}-{{ .name | default .component }}
namespace: {{ .root.Release.Namespace }}
labels:
  {{- include "openvault.labels" . | nindent 2 }}
{{- end }}

{{/* An openvault-* image: include "openvault.image" (dict "root" $ "image" .Values.backend.image) */}}
{{- define "openvault.image" -}}
{{- $tag := .image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" (trimSuffix "/" .root.Values.image.registry) .image.repository $tag }}
{{- end }}

{{- define "openvault.siteHost" -}}
{{- .Values.site.host | default (printf "%s.%s" .Release.Name .Values.site.domain) }}
{{- end }}

{{/* The address visitors open (https://<site host>, with the proxy Service's port unless 443): canonical and
     OpenGraph URLs, the sitemap, image and API URLs all name it. */}}
{{- define "openvault.publicUrl" -}}
{{- $port := int .Values.proxy.service.httpsPort -}}
{{- printf "https://%s%s" (include "openvault.siteHost" .) (ternary "" (printf ":%d" $port) (eq $port 443)) }}
{{- end }}

{{- define "openvault.databaseName" -}}
{{- .Values.database.name | default .Release.Name }}
{{- end }}

{{/* "true" when the database runs in the release's namespace (the StatefulSet or a CloudNativePG Cluster): the
     migration then waits for it after install instead of running before. One of the three modes only. */}}
{{- define "openvault.inClusterDatabase" -}}
{{- if and .Values.postgresql.enabled .Values.cloudnativepg.enabled -}}
{{- fail "postgresql.enabled and cloudnativepg.enabled are two different databases: choose one (or neither, with database.host)" -}}
{{- end -}}
{{- if or .Values.postgresql.enabled .Values.cloudnativepg.enabled }}true{{ end }}
{{- end }}

{{/* Name of the CloudNativePG Cluster; the operator makes the Services <name>-rw, -ro, -r and the Secret <name>-app. */}}
{{- define "openvault.cnpgCluster" -}}
{{ include "openvault.fullname" . }}-db
{{- end }}

{{- define "openvault.databaseHost" -}}
{{- if .Values.postgresql.enabled -}}
{{ include "openvault.fullname" . }}-postgresql
{{- else if .Values.cloudnativepg.enabled -}}
{{- /* The read-write Service always points at the current primary, also after a failover. */ -}}
{{ include "openvault.cnpgCluster" . }}-rw
{{- else -}}
{{ required "database.host is required (or postgresql.enabled or cloudnativepg.enabled for an in-cluster database)" .Values.database.host }}
{{- end }}
{{- end }}

{{/* Where the database's CA certificate is mounted when database.ssl.rootCertConfigMap names one. */}}
{{- define "openvault.databaseCaPath" -}}
/etc/openvault/database-ca
{{- end }}

{{/* JDBC URL: urlParameters, then sslmode (and sslrootcert, the mounted CA) from database.ssl. */}}
{{- define "openvault.databaseUrl" -}}
{{- $url := printf "jdbc:postgresql://%s:%v/%s%s" (include "openvault.databaseHost" .) .Values.database.port (include "openvault.databaseName" .) .Values.database.urlParameters -}}
{{- $ssl := .Values.database.ssl -}}
{{- if $ssl.mode -}}
{{- if and (eq $ssl.mode "verify-full") (not $ssl.rootCertConfigMap) -}}
{{- fail "database.ssl.mode=verify-full checks the server against a CA: set database.ssl.rootCertConfigMap (a ConfigMap with the CA bundle)" -}}
{{- end -}}
{{- $url = printf "%s%ssslmode=%s" $url (ternary "&" "?" (contains "?" $url)) $ssl.mode -}}
{{- if $ssl.rootCertConfigMap -}}
{{- $url = printf "%s&sslrootcert=%s/%s" $url (include "openvault.databaseCaPath" .) $ssl.rootCertFile -}}
{{- end -}}
{{- end -}}
{{- $url -}}
{{- end }}

{{/* The database CA ConfigMap as a volume and its mount, for the backend and the migration Jobs (empty lists
     without one): include "openvault.databaseCaVolumes" $ | fromYamlArray */}}
{{- define "openvault.databaseCaVolumes" -}}
{{- with .Values.database.ssl.rootCertConfigMap }}
- name: database-ca
  configMap:
    name: {{ . }}
{{- end }}
{{- end }}

{{- define "openvault.databaseCaMounts" -}}
{{- if .Values.database.ssl.rootCertConfigMap }}
- name: database-ca
  mountPath: {{ include "openvault.databaseCaPath" . }}
  readOnly: true
{{- end }}
{{- end }}

{{/* The Secret holding the database password: database.existingSecret, else the one CloudNativePG makes for its
     Cluster's owner (<cluster>-app), else the one the chart makes from database.password, else
     <release>-backend-secret, which the operator creates (no password has a default). */}}
{{- define "openvault.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{ .Values.database.existingSecret }}
{{- else if .Values.cloudnativepg.enabled -}}
{{ include "openvault.cnpgCluster" . }}-app
{{- else if .Values.database.password -}}
{{ include "openvault.fullname" . }}-database
{{- else -}}
{{ include "openvault.fullname" . }}-backend-secret
{{- end }}
{{- end }}

{{- define "openvault.databaseSecretKey" -}}
{{- if and (not .Values.database.existingSecret) (or .Values.cloudnativepg.enabled .Values.database.password) }}password{{ else }}{{ .Values.database.existingSecretKey }}{{ end }}
{{- end }}

{{/* The operator's Secret of one component's secret settings: existingSecret, else <release>-<component>-secret. */}}
{{- define "openvault.componentSecretName" -}}
{{- .values.existingSecret | default (printf "%s-%s-secret" (include "openvault.fullname" .root) .component) }}
{{- end }}

{{/* OV_DB_PASSWORD from the database Secret. */}}
{{- define "openvault.databasePasswordEnv" -}}
- name: OV_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "openvault.databaseSecretName" . }}
      key: {{ include "openvault.databaseSecretKey" . }}
{{- end }}

{{/* "true" when the chart makes the preview secret itself: neither backend.previewSecret.existingSecret nor a throw-away
     backend.secretEnv.OV_PREVIEW_SECRET gives it. */}}
{{- define "openvault.previewSecretGenerated" -}}
{{- if not (or .Values.backend.previewSecret.existingSecret (hasKey .Values.backend.secretEnv "OV_PREVIEW_SECRET")) }}true{{ end }}
{{- end }}

{{/* OV_PREVIEW_SECRET from backend.previewSecret.existingSecret or the generated Secret (none when secretEnv gives it). */}}
{{- define "openvault.previewSecretEnv" -}}
{{- if .Values.backend.previewSecret.existingSecret }}
- name: OV_PREVIEW_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ .Values.backend.previewSecret.existingSecret }}
      key: {{ .Values.backend.previewSecret.existingSecretKey }}
{{- else if include "openvault.previewSecretGenerated" . }}
- name: OV_PREVIEW_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "openvault.fullname" . }}-preview-secret
      key: OV_PREVIEW_SECRET
{{- end }}
{{- end }}

{{/* The TLS Secret the proxy mounts, if any. */}}
{{- define "openvault.tlsSecretName" -}}
{{- if .Values.proxy.tls.existingSecret -}}
{{ .Values.proxy.tls.existingSecret }}
{{- else if .Values.proxy.tls.certManager.enabled -}}
{{ include "openvault.fullname" . }}-tls
{{- end }}
{{- end }}

{{/* A NetworkPolicy peer: the pods of one component of this release. */}}
{{- define "openvault.podsOf" -}}
- podSelector:
    matchLabels:
      {{- include "openvault.selectorLabels" . | nindent 6 }}
{{- end }}

{{/* "2" or "2–6 (autoscaled)" for one component's values, in NOTES. */}}
{{- define "openvault.replicasNote" -}}
{{- if .autoscaling.enabled }}{{ .autoscaling.minReplicas }}–{{ .autoscaling.maxReplicas }} (autoscaled){{ else }}{{ .replicas }}{{ end }}
{{- end }}

{{/* The most replicas one component can run: maxReplicas when autoscaled. */}}
{{- define "openvault.maxReplicas" -}}
{{- if .autoscaling.enabled }}{{ .autoscaling.maxReplicas }}{{ else }}{{ .replicas }}{{ end }}
{{- end }}
