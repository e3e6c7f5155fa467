{{/*
A run of the migration image as a hook Job.
  include "openvault.migrationJob" (dict "root" $ "component" "migrate" "hook" "pre-install,pre-upgrade" "weight" "0" "args" (list)
    "env" (list …))   env: optional EnvVar objects, after the database ones and before migration.extraEnv
*/}}
{{- define "openvault.migrationJob" -}}
{{- $root := .root -}}
{{- $m := $root.Values.migration -}}
apiVersion: batch/v1
kind: Job
metadata:
  {{- include "openvault.metadata" . | nindent 2 }}
  annotations:
    helm.sh/hook: {{ .hook }}
    helm.sh/hook-weight: {{ .weight | quote }}
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: {{ $m.backoffLimit }}
  activeDeadlineSeconds: {{ $m.activeDeadlineSeconds }}
  template:
    metadata:
      labels:
        {{- include "openvault.labels" . | nindent 8 }}
    spec:
      restartPolicy: Never
      automountServiceAccountToken: false
      enableServiceLinks: false
      {{- with $root.Values.image.pullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $root.Values.podSecurityContext | nindent 8 }}
      {{- if include "openvault.inClusterDatabase" $root }}
      # On first install the in-cluster database starts together with this Job: wait until it answers.
      initContainers:
        - name: wait-for-database
          image: "{{ $root.Values.postgresql.image.repository }}:{{ $root.Values.postgresql.image.tag }}"
          imagePullPolicy: {{ $root.Values.postgresql.image.pullPolicy }}
          command:
            - sh
            - -c
            - until pg_isready -h "$DB_HOST" -p "$DB_PORT"; do sleep 2; done
          env:
            - name: DB_HOST
              value: {{ include "openvault.databaseHost" $root | quote }}
            - name: DB_PORT
              value: {{ $root.Values.database.port | quote }}
          resources:
            {{- toYaml $m.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      {{- end }}
      containers:
        - name: {{ .component }}
          image: {{ include "openvault.image" (dict "root" $root "image" $m.image) }}
          imagePullPolicy: {{ $root.Values.image.pullPolicy }}
          {{- with .args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          env:
            - name: OV_DB_URL
              value: {{ include "openvault.databaseUrl" $root | quote }}
            - name: OV_DB_USER
              value: {{ $root.Values.database.user | quote }}
            {{- include "openvault.databasePasswordEnv" $root | nindent 12 }}
            {{- with .env }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
            {{- with $m.extraEnv }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
          resources:
            {{- toYaml $m.resources | nindent 12 }}
          securityContext:
            {{- toYaml $root.Values.securityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            {{- include "openvault.databaseCaMounts" $root | nindent 12 }}
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $root.Values.tmpSizeLimit }}
        {{- include "openvault.databaseCaVolumes" $root | nindent 8 }}
{{- end }}
