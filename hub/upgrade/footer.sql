$ecostats_hub_script$, '@extschema:ecostats@', pg_catalog.quote_ident(eco_name));
END
$ecostats_hub$;
