using Scout.Infra.Aws;

ScoutApp.Build().Synth();
